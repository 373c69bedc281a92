"""Properties of exception_handling. Every call runs inside a scenario helper (support.py) that creates
the file in the sandbox, calls process_file, and reports the result or the exception type, the files
left open, the ResourceWarnings about them, and whether the file changed. Checked: contents of any
text (Unicode whitespace, \\r\\n, a BOM), arbitrary bytes (valid or not as UTF-8), and every error
path (missing file or folder, dangling link, permission denied, a directory, a file used as a folder)."""
from hypothesis import strategies as st

from judge.harness import prop

WHITESPACE = " \t\r\n\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\u3000"
texts = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(WHITESPACE),
                                   st.sampled_from("ab\ufeff")), max_size=20)
# Bytes that are often valid UTF-8 (multi-byte characters, a BOM) and often not (truncated sequences,
# stray continuation bytes, overlongs, surrogates encoded in UTF-8).
pieces = st.sampled_from([b"a", b" ", b"\n", b"\r\n", b"\xc3\xa9", b"\xe2\x80\x83", b"\xf0\x9f\x98\x80",
                          b"\xef\xbb\xbf", b"\xc3", b"\x80", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x00"])
raw_bytes = st.one_of(st.binary(max_size=12), st.lists(pieces, max_size=8).map(b"".join))


def run(p, kind, data=b""):
    fn = p.function("process_file")
    p.helper("scenario", fn, kind, data)


@prop(texts, max_examples=200)
def text_files(p, text):
    """A UTF-8 file with any text: its content decoded, newlines translated, stripped; the file closed."""
    run(p, "text", text.encode("utf-8"))


@prop(raw_bytes, max_examples=200)
def any_bytes(p, data):
    """A file of arbitrary bytes: the stripped text when it is valid UTF-8, else UnicodeDecodeError
    propagates; in both cases the file is closed (no descriptor, no ResourceWarning)."""
    run(p, "bytes", data)


@prop(st.sampled_from(["missing", "missing_parent", "dangling_symlink", "directory", "not_a_directory",
                       "denied"]), raw_bytes, max_examples=60)
def error_paths(p, kind, data):
    """Missing file, missing folder, dangling link and permission denied give None; a directory
    (IsADirectoryError) and a file used as a folder (NotADirectoryError) propagate; nothing left open,
    nothing created or changed."""
    run(p, kind, data)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Every kind once, empty and whitespace-only files, invalid UTF-8 after valid text, a BOM, a
    decoding error deep in a large file, the empty path and the root folder called directly."""
    for kind in ("missing", "missing_parent", "dangling_symlink", "directory", "not_a_directory", "denied"):
        run(p, kind, b"secret")
    for data in (b"", b" \n\t ", b"\r\n", b"hello", b"  hello world \n", b"a\r\nb\rc\n", b"\xef\xbb\xbfhi ",
                 b"ok\xff", b"\xff", b"\xe2\x80\x83x\xe2\x80\x83", b"x" * 100_000 + b"\x80", b"\xe3\x80\x80"):
        run(p, "bytes", data)
    p.call("process_file", "")
    p.call("process_file", "/")
