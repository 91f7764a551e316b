// Helpers shared by the tests: process environment, /proc counters, temp files, openssl.
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace Kalshi.Tests
{
    internal static class Support
    {
        // The library reads the C environment, so set it there (not only in the managed copy).
        [DllImport("libc.so.6")] private static extern int setenv(string name, string value, int overwrite);
        [DllImport("libc.so.6")] private static extern int unsetenv(string name);

        internal static void SetEnv(string name, string value)
        {
            if (value == null) unsetenv(name); else setenv(name, value, 1);
        }

        internal static long RssBytes()
        {
            string[] f = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(f[1]) * 4096;
        }

        internal static int OpenFds() { return Directory.GetFileSystemEntries("/proc/self/fd").Length; }
        internal static int Threads() { return Directory.GetDirectories("/proc/self/task").Length; }

        internal static string TempDir()
        {
            string d = Path.Combine(Path.GetTempPath(), "kalshi-cs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(d);
            return d;
        }

        internal static int Run(string file, string args, out string output)
        {
            var psi = new ProcessStartInfo(file, args)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (Process p = Process.Start(psi))
            {
                string o = p.StandardOutput.ReadToEnd();
                string e = p.StandardError.ReadToEnd();
                p.WaitForExit();
                output = (o + e).Trim();
                return p.ExitCode;
            }
        }

        // Verifies sig over msg with the openssl CLI, an implementation independent of the
        // library's mbedTLS: RSASSA-PSS SHA-256 / MGF1-SHA-256 / salt 32, or pure Ed25519.
        internal static bool OpensslVerify(string publicPem, byte[] msg, byte[] sig, KeyType type)
        {
            string dir = TempDir();
            try
            {
                string pub = Path.Combine(dir, "pub.pem"), m = Path.Combine(dir, "msg.bin"), s = Path.Combine(dir, "sig.bin");
                File.WriteAllText(pub, publicPem);
                File.WriteAllBytes(m, msg);
                File.WriteAllBytes(s, sig);
                string args = type == KeyType.Rsa
                    ? string.Format("dgst -sha256 -verify {0} -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 -signature {1} {2}", pub, s, m)
                    : string.Format("pkeyutl -verify -pubin -inkey {0} -rawin -in {2} -sigfile {1}", pub, s, m);
                string output;
                int rc = Run("openssl", args, out output);
                bool ok = rc == 0 && output.Contains("Verified OK") || rc == 0 && output.Contains("Signature Verified Successfully");
                return ok;
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        internal static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
