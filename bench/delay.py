#!/usr/bin/python3
"""A delaying TCP proxy on loopback, for bench/remote.sh (this kernel has no
netem).  Usage: delay.py RTT_MS UPSTREAM_PORT PORT_FILE [ftp]

Listens on 127.0.0.1 (port written to PORT_FILE) and forwards to
127.0.0.1:UPSTREAM_PORT.  How it models latency: a new connection gets
no byte through before one round trip after it was accepted (the TCP
handshake a real network would cost), and every chunk is delivered half
a round trip after it arrived (or after the handshake), in each
direction, in order; bandwidth is not limited and nothing is lost.  So a
request and its answer cost one round trip more than on loopback, and a
new connection one more again.  With "ftp", passive-mode replies (227, 229)
are rewritten so that data connections go through a proxy of their own
with the same delay.
"""
import asyncio
import re
import sys

RTT = float(sys.argv[1]) / 1000.0
UP = int(sys.argv[2])
FTP = len(sys.argv) > 4 and sys.argv[4] == "ftp"
HOST = "127.0.0.1"


async def pipe(reader, writer, first_delay, rewrite=None):
    """Copy reader to writer, each chunk half a round trip late."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                try:
                    if writer.can_write_eof():
                        writer.write_eof()
                except OSError:
                    pass
                return
            writer.write(data)
            try:
                await writer.drain()
            except OSError:
                return

    task = asyncio.create_task(deliver())
    start = loop.time() + first_delay
    buf = b""
    while True:
        try:
            data = await reader.read(65536)
        except OSError:
            data = b""
        if rewrite is not None and data:
            buf += data
            if b"\n" not in buf:
                continue
            cut = buf.rindex(b"\n") + 1
            data, buf = await rewrite(buf[:cut]), buf[cut:]
        due = max(loop.time(), start) + RTT / 2
        await queue.put((due, data if data else None))
        if not data:
            break
    await task


async def passive(match):
    """Proxy the data port a passive reply names; the reply, rewritten."""
    text = match.group(0).decode()
    if text.startswith("227"):
        n = [int(x) for x in re.findall(r"\d+", text[3:])[-6:]]
        port = n[4] * 256 + n[5]
    else:
        port = int(re.search(r"\|\|\|(\d+)\|", text).group(1))
    server = await asyncio.start_server(
        lambda r, w: connection(r, w, port, False, server), HOST, 0)
    mine = server.sockets[0].getsockname()[1]
    if text.startswith("227"):
        return ("227 Entering Passive Mode (127,0,0,1,%d,%d).\r\n"
                % (mine // 256, mine % 256)).encode()
    return ("229 Entering Extended Passive Mode (|||%d|).\r\n"
            % mine).encode()


async def rewrite_ftp(data):
    out = b""
    for line in data.splitlines(keepends=True):
        m = re.match(rb"^(227|229) .*\r?\n$", line)
        out += await passive(m) if m else line
    return out


async def connection(creader, cwriter, port, control, once=None):
    if once is not None:
        once.close()
    try:
        ureader, uwriter = await asyncio.open_connection(HOST, port)
    except OSError:
        cwriter.close()
        return
    rewrite = rewrite_ftp if FTP and control else None
    # The handshake: nothing goes either way for one round trip.
    await asyncio.gather(pipe(creader, uwriter, RTT),
                         pipe(ureader, cwriter, RTT, rewrite))
    for w in (uwriter, cwriter):
        try:
            w.close()
        except OSError:
            pass


async def main():
    server = await asyncio.start_server(
        lambda r, w: connection(r, w, UP, True), HOST, 0, backlog=512)
    with open(sys.argv[3], "w") as f:
        f.write("%d\n" % server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


asyncio.run(main())
