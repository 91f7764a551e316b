// A small self-contained test runner (Debian's Mono has no NUnit for mcs): methods marked [Test]
// on public classes are discovered by reflection and run one by one. Prints one line per test,
// then "N passed, N failed"; exits 1 on any failure. Arguments filter tests by substring.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace Kalshi.Tests
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestAttribute : Attribute { }

    public sealed class AssertionException : Exception
    {
        public AssertionException(string m) : base(m) { }
    }

    public static class Assert
    {
        public static void True(bool cond, string what)
        {
            if (!cond) throw new AssertionException("expected true: " + what);
        }

        public static void False(bool cond, string what)
        {
            if (cond) throw new AssertionException("expected false: " + what);
        }

        public static void Equal<T>(T expected, T actual, string what = "")
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new AssertionException(string.Format("{0}: expected <{1}> but was <{2}>", what, expected, actual));
        }

        public static void NotEqual<T>(T a, T b, string what = "")
        {
            if (EqualityComparer<T>.Default.Equals(a, b))
                throw new AssertionException(string.Format("{0}: both are <{1}>", what, a));
        }

        public static void NotNull(object o, string what)
        {
            if (o == null) throw new AssertionException("expected non-null: " + what);
        }

        public static E Throws<E>(Action a, string what) where E : Exception
        {
            try
            {
                a();
            }
            catch (E e)
            {
                return e;
            }
            catch (Exception e)
            {
                throw new AssertionException(string.Format("{0}: expected {1} but got {2}: {3}", what, typeof(E).Name, e.GetType().Name, e.Message));
            }
            throw new AssertionException(string.Format("{0}: expected {1} but nothing was thrown", what, typeof(E).Name));
        }

        public static KalshiException ThrowsKalshi(ErrorCode code, Action a, string what)
        {
            KalshiException e = Throws<KalshiException>(a, what);
            if (e.Code != code)
                throw new AssertionException(string.Format("{0}: expected {1} but got {2} ({3})", what, code, e.Code, e.Message));
            return e;
        }
    }

    public static class Runner
    {
        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "--probe")
            {
                // Used by LoaderTests in a child process with a different environment.
                try
                {
                    if (Environment.GetEnvironmentVariable("KALSHI_TEST_PRELOAD") == "1") Library.Preload();
                    Console.WriteLine("loaded libkalshi " + ProbeVersion());
                    return 0;
                }
                catch (DllNotFoundException e)
                {
                    Console.WriteLine("not loaded: " + e.Message);
                    return 2;
                }
            }
            var tests = new List<MethodInfo>();
            foreach (Type t in typeof(Runner).Assembly.GetTypes().Where(x => x.IsClass && x.IsPublic).OrderBy(x => x.FullName))
            {
                foreach (MethodInfo m in t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                             .Where(m => m.GetCustomAttributes(typeof(TestAttribute), false).Length > 0)
                             .OrderBy(m => m.MetadataToken))
                {
                    string name = t.Name + "." + m.Name;
                    if (args.Length > 0 && !args.Any(a => name.Contains(a))) continue;
                    tests.Add(m);
                }
            }

            int passed = 0, failed = 0;
            foreach (MethodInfo m in tests)
            {
                string name = m.DeclaringType.Name + "." + m.Name;
                var sw = Stopwatch.StartNew();
                try
                {
                    object target = m.IsStatic ? null : Activator.CreateInstance(m.DeclaringType);
                    try
                    {
                        m.Invoke(target, null);
                    }
                    finally
                    {
                        var d = target as IDisposable;
                        if (d != null) d.Dispose();
                    }
                    passed++;
                    Console.WriteLine("PASS {0} ({1} ms)", name, sw.ElapsedMilliseconds);
                }
                catch (Exception e)
                {
                    failed++;
                    Exception inner = e is TargetInvocationException && e.InnerException != null ? e.InnerException : e;
                    Console.WriteLine("FAIL {0} ({1} ms): {2}: {3}", name, sw.ElapsedMilliseconds, inner.GetType().Name, inner.Message);
                    if (!(inner is AssertionException)) Console.WriteLine(Indent(inner.StackTrace));
                }
            }
            Console.WriteLine("{0} passed, {1} failed", passed, failed);
            return failed == 0 && passed > 0 ? 0 : 1;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static string ProbeVersion() { return Library.VersionString; }

        private static string Indent(string s)
        {
            if (s == null) return "    (no stack trace)";
            string[] lines = s.Split('\n');
            return "    " + string.Join("\n    ", lines.Take(6).Select(l => l.Trim()));
        }
    }
}
