// libkalshi for .NET — raw TCP/TLS byte streams on a client's loop (stream.h).
using System;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>A raw TCP or TLS byte stream (kalshi_stream_t), named apart from System.IO.Stream. Its results arrive on the client's queue as
    /// StreamConnected, StreamData and exactly one StreamClosed event, all with the user tag given
    /// to Open.</summary>
    public sealed class RawStream : IDisposable
    {
        internal readonly StreamHandle Handle;

        private RawStream(StreamHandle h) { Handle = h; }

        /// <summary>Starts connecting. Host policy errors (HostNotAllowed, InvalidArg) throw here;
        /// everything else is reported by the StreamClosed event.</summary>
        public static RawStream Open(Client client, string host, ushort port, bool tls, ulong userTag)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (host == null) throw new ArgumentNullException("host");
            StreamHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_stream_open(client.Handle, Utf8.Encode(host), port, tls ? 1u : 0u, userTag, out h, out err);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc, err);
            h.Track();
            return new RawStream(h);
        }

        /// <summary>Copies the bytes and queues them for sending.</summary>
        public void Write(byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            Errors.Check(Native.kalshi_stream_write(Handle, data, (UIntPtr)(ulong)data.Length));
        }

        /// <summary>Graceful close; StreamClosed follows. Idempotent.</summary>
        public void Close() { Errors.Check(Native.kalshi_stream_close(Handle)); }

        /// <summary>Closes if needed and releases the handle.</summary>
        public void Dispose() { Handle.Dispose(); }
    }
}
