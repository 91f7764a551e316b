// How Mono finds libkalshi: through Kalshi.dll.config (dllmap to the SONAME libkalshi.so.0), and
// through KALSHI_LIB alone. Each case runs this test program in a child process.
using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace Kalshi.Tests
{
    public class LoaderTests
    {
        private static int Probe(string ldLibraryPath, string kalshiLib, out string output, bool preload = false)
        {
            string exe = Assembly.GetExecutingAssembly().Location;
            var psi = new ProcessStartInfo("mono", "\"" + exe + "\" --probe")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            psi.EnvironmentVariables.Remove("LD_LIBRARY_PATH");
            psi.EnvironmentVariables.Remove("KALSHI_LIB");
            if (ldLibraryPath != null) psi.EnvironmentVariables["LD_LIBRARY_PATH"] = ldLibraryPath;
            if (kalshiLib != null) psi.EnvironmentVariables["KALSHI_LIB"] = kalshiLib;
            psi.EnvironmentVariables["KALSHI_TEST_PRELOAD"] = preload ? "1" : "0";
            using (Process p = Process.Start(psi))
            {
                output = (p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd()).Trim();
                p.WaitForExit();
                return p.ExitCode;
            }
        }

        private static string LibPath()
        {
            string lib = Environment.GetEnvironmentVariable("KALSHI_LIB");
            Assert.True(!string.IsNullOrEmpty(lib) && File.Exists(lib), "KALSHI_LIB names the library under test: " + lib);
            return lib;
        }

        [Test]
        public void DllmapResolvesTheSoname()
        {
            Assert.True(File.Exists(Assembly.GetExecutingAssembly().Location.Replace("KalshiTests.exe", "Kalshi.dll.config")), "Kalshi.dll.config next to Kalshi.dll");
            // A directory holding only libkalshi.so.0: found only if the dllmap is applied.
            string dir = Support.TempDir();
            try
            {
                string output;
                File.Copy(LibPath(), Path.Combine(dir, "libkalshi.so.0"));
                int rc = Probe(dir, null, out output);
                Assert.Equal(0, rc, "loads through the dllmap: " + output);
                Assert.True(output.Contains(Library.VersionString), output);
                // And the same directory without the file fails: the probe can say no.
                File.Delete(Path.Combine(dir, "libkalshi.so.0"));
                rc = Probe(dir, null, out output);
                Assert.Equal(2, rc, "missing library is reported: " + output);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void PreloadFromKalshiLibWithoutSearchPath()
        {
            string output;
            int rc = Probe(null, LibPath(), out output, false);
            Assert.Equal(2, rc, "without LD_LIBRARY_PATH or Preload the library is not found: " + output);
            rc = Probe(null, LibPath(), out output, true);
            Assert.Equal(0, rc, "Library.Preload() loads KALSHI_LIB without LD_LIBRARY_PATH: " + output);
            Assert.True(output.Contains(Library.VersionString), output);
            rc = Probe(null, "/nonexistent/libkalshi.so.0", out output, true);
            Assert.Equal(2, rc, "a wrong KALSHI_LIB is reported: " + output);
        }
    }
}
