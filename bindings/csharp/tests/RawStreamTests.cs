// Stream events through the queue: data from a loopback peer, and an error object on failure.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace Kalshi.Tests
{
    public class RawStreamTests
    {
        [Test]
        public void LoopbackEchoDeliversTypedEvents()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = new Thread(() =>
            {
                using (TcpClient peer = listener.AcceptTcpClient())
                using (NetworkStream ns = peer.GetStream())
                {
                    var buf = new byte[4096];
                    int n;
                    while ((n = ns.Read(buf, 0, buf.Length)) > 0) ns.Write(buf, 0, n); // echo until EOF
                }
            });
            server.IsBackground = true;
            server.Start();
            try
            {
                using (var c = new Client())
                using (EventQueue q = c.Queue())
                using (RawStream s = RawStream.Open(c, "127.0.0.1", (ushort)port, false, 77))
                {
                    s.Write(Encoding.ASCII.GetBytes("ping over libkalshi"));
                    bool connected = false, closed = false;
                    var got = new StringBuilder();
                    var sw = Stopwatch.StartNew();
                    while (!closed && sw.ElapsedMilliseconds < 10000)
                    {
                        using (Event e = q.Poll(100))
                        {
                            if (e == null) continue;
                            if (e.Type == EventType.Log) continue;
                            Assert.Equal(77UL, e.UserTag, "user_tag of " + e.Type);
                            if (e.Type == EventType.StreamConnected) connected = true;
                            else if (e.Type == EventType.StreamData)
                            {
                                Assert.True(connected, "data after connected");
                                got.Append(Encoding.ASCII.GetString(e.Data));
                                if (got.ToString() == "ping over libkalshi") s.Close();
                            }
                            else if (e.Type == EventType.StreamClosed)
                            {
                                closed = true;
                                Assert.Equal(ErrorCode.Ok, e.Err, "clean close: " + e.Error);
                                Assert.True(e.Error == null, "no error object on a clean close");
                            }
                        }
                    }
                    Assert.True(connected, "STREAM_CONNECTED");
                    Assert.Equal("ping over libkalshi", got.ToString(), "echoed bytes");
                    Assert.True(closed, "STREAM_CLOSED");
                }
            }
            finally
            {
                listener.Stop();
            }
        }

        [Test]
        public void RefusedConnectionCarriesAnErrorObject()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop(); // nothing listens there now
            using (var c = new Client())
            using (EventQueue q = c.Queue())
            using (RawStream.Open(c, "127.0.0.1", (ushort)port, false, 5))
            {
                Event closed = null;
                var sw = Stopwatch.StartNew();
                while (closed == null && sw.ElapsedMilliseconds < 10000)
                {
                    Event e = q.Poll(100);
                    if (e == null) continue;
                    if (e.Type == EventType.StreamClosed) closed = e; else e.Dispose();
                }
                Assert.NotNull(closed, "STREAM_CLOSED");
                using (closed)
                {
                    Assert.Equal(5UL, closed.UserTag, "user_tag");
                    Assert.Equal(ErrorCode.Connect, closed.Err, "err");
                    KalshiError err = closed.Error;
                    Assert.NotNull(err, "error object");
                    Assert.Equal(ErrorCode.Connect, err.Code, "error object code");
                    Assert.Equal("KALSHI_ERR_CONNECT", err.Name, "error object name");
                    Assert.True(err.Message.Length > 0, "error message");
                }
            }
        }

        [Test]
        public void UnknownHostIsRefusedSynchronously()
        {
            using (var c = new Client())
                Assert.ThrowsKalshi(ErrorCode.HostNotAllowed, () => RawStream.Open(c, "example.com", 443, true, 1), "not a Kalshi host");
        }
    }
}
