#!/usr/bin/python3
"""An anonymous read-only pyftpdlib server for bench/remote.sh, quiet.
Usage: ftpd.py DIR PORT_FILE"""
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
auth = DummyAuthorizer()
auth.add_anonymous(sys.argv[1])
FTPHandler.authorizer = auth
srv = FTPServer(("127.0.0.1", 0), FTPHandler)
srv.max_cons = 256
with open(sys.argv[2], "w") as f:
    f.write("%d\n" % srv.address[1])
srv.serve_forever()
