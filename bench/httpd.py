#!/usr/bin/python3
"""python3 -m http.server for bench/remote.sh, with a listen backlog of 128
instead of the stock 5, and no log on stderr.  Usage: httpd.py DIR PORT_FILE

With the stock backlog, 8 clients connecting at once on a loaded 2-CPU
machine overflow the accept queue: dropped SYNs cost a second each and
swamp what is measured (nstat TcpExtListenOverflows counts them).
"""
import functools
import http.server
import sys


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


srv = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("%d\n" % srv.server_address[1])
srv.serve_forever()
