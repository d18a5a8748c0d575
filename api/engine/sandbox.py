"""Cut a query worker off the network before it opens the graph.

pyoxigraph runs ``SERVICE`` by making HTTP requests; the pre-check (:mod:`api.engine.sparql_text`)
refuses such queries, and this is the second wall: a worker that cannot open an internet socket
has nothing to talk to even if a query slipped through. Three ways, tried in this order:

``namespace``
    ``unshare(CLONE_NEWNET)``: the worker gets its own network namespace with no interface up,
    so every ``connect`` fails (``ENETUNREACH``), loopback included. Needs ``CAP_SYS_ADMIN``
    (root, as in CI and in a container started with it).
``user-namespace``
    ``unshare(CLONE_NEWUSER | CLONE_NEWNET)``: the same for an unprivileged user where the kernel
    allows user namespaces (Debian does by default).
``seccomp``
    A seccomp filter loaded through the system's libseccomp (``libseccomp2``, on every Debian
    with systemd) that makes ``socket(AF_INET | AF_INET6, …)`` fail with ``EPERM``.

The pipe to the server process is a Unix socket pair made before, so it keeps working. ``none``
means no way worked; the server logs that loudly and the pre-check is then the only wall.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import socket

MODES = ("auto", "namespace", "user-namespace", "seccomp", "none")
_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_CMP_EQ = 4


class SandboxError(RuntimeError):
    """The requested way of cutting the network is not available here."""


class _ArgCmp(ctypes.Structure):
    _fields_ = [
        ("arg", ctypes.c_uint),
        ("op", ctypes.c_int),
        ("datum_a", ctypes.c_uint64),
        ("datum_b", ctypes.c_uint64),
    ]


def _unshare(flags: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(ctypes.c_int(flags)) != 0:
        code = ctypes.get_errno()
        raise SandboxError(f"unshare: {os.strerror(code)}")


def _seccomp() -> None:
    name = ctypes.util.find_library("seccomp")
    if name is None:
        raise SandboxError("libseccomp not found (Debian: apt-get install libseccomp2)")
    lib = ctypes.CDLL(name, use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_rule_add_array.argtypes = [
        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint, ctypes.POINTER(_ArgCmp)
    ]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    ctx = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not ctx:
        raise SandboxError("seccomp_init failed")
    deny = 0x00050000 | errno.EPERM  # SCMP_ACT_ERRNO(EPERM)
    for family in (socket.AF_INET, socket.AF_INET6):
        for call in (b"socket",):
            number = lib.seccomp_syscall_resolve_name(call)
            rule = _ArgCmp(0, _SCMP_CMP_EQ, int(family), 0)
            if lib.seccomp_rule_add_array(ctx, deny, number, 1, ctypes.byref(rule)) != 0:
                raise SandboxError(f"seccomp_rule_add for {call.decode()} failed")
    if lib.seccomp_load(ctx) != 0:
        raise SandboxError("seccomp_load failed")


_WAYS = {
    "namespace": lambda: _unshare(_CLONE_NEWNET),
    "user-namespace": lambda: _unshare(_CLONE_NEWUSER | _CLONE_NEWNET),
    "seccomp": _seccomp,
}


def cut_network(mode: str = "auto") -> str:
    """Cut this process off the network; return the way that worked (or ``none``).

    ``auto`` tries each way in turn; a named way must work or :class:`SandboxError` is raised.
    """
    if mode == "none":
        return "none"
    if mode != "auto":
        if mode not in _WAYS:
            raise SandboxError(f"unknown sandbox mode {mode!r}; one of {', '.join(MODES)}")
        _WAYS[mode]()
        return mode
    for name, way in _WAYS.items():
        try:
            way()
        except (SandboxError, OSError, AttributeError):
            continue
        return name
    return "none"
