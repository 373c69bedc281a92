"""Properties of circular_imports: random package trees (root named app, pkg or my_app; subpackages
core, core/db, util; modules a, b, models and __init__), written into the sandbox by support.py, each
module holding random imports in every form: absolute `import`, `from P import module`, `from M import
name`, relative `from . import x`, `from .m import n`, `from .. import x`, imports climbing above the
root, imports of the standard library or of missing modules, `*`, aliases, imports nested in functions
and `if TYPE_CHECKING:` blocks; decoys that are not imports but look like them to a line-by-line parser
(import lines in module and function docstrings, in multi-line strings, in comments); folders without an
`__init__.py` (namespace packages). The result must equal the reference's exactly (groups sorted, list
sorted). The edge cases add files that are not valid Python (SyntaxError)."""
from hypothesis import strategies as st

from judge.harness import prop

SUBPACKAGES = ["core", "core/db", "util"]
LEAVES = ["a", "b", "models"]


def _relative(importer_package, target_parts):
    """(dots, module path) to reach target_parts' parent from importer_package, or None."""
    common = 0
    while (common < len(importer_package) and common < len(target_parts)
           and importer_package[common] == target_parts[common]):
        common += 1
    if common == 0:
        return None
    level = len(importer_package) - common + 1
    return "." * level, ".".join(target_parts[common:])


@st.composite
def trees(draw):
    top = draw(st.sampled_from(["app", "pkg", "my_app"]))
    packages = [""] + sorted(set(draw(st.lists(st.sampled_from(SUBPACKAGES), max_size=3))))
    if "core/db" in packages and "core" not in packages:
        packages.append("core")
    modules = []  # (relative file path, dotted name parts, is package)
    for package in packages:
        parts = [top] + (package.split("/") if package else [])
        if draw(st.integers(0, 5)):  # else a namespace package: a folder without __init__.py
            modules.append(((package + "/" if package else "") + "__init__.py", parts, True))
        for leaf in draw(st.lists(st.sampled_from(LEAVES), unique=True, max_size=3)):
            modules.append(((package + "/" if package else "") + leaf + ".py", parts + [leaf], False))
    files = {}
    for path, parts, is_package in modules:
        package = parts if is_package else parts[:-1]
        lines = []
        for _ in range(draw(st.integers(0, 4))):
            target = draw(st.sampled_from(modules))[1]
            form = draw(st.integers(0, 9))
            name = ".".join(target)
            if form == 0:
                stmt = f"import {name}"
            elif form == 1 and len(target) > 1:
                stmt = f"from {'.'.join(target[:-1])} import {target[-1]}"
            elif form == 2:
                stmt = f"from {name} import {draw(st.sampled_from(['thing', '*', 'a', 'models', 'db']))}"
            elif form in (3, 4) and _relative(package, target[:-1] or target) is not None:
                dots, rest = _relative(package, target[:-1])  if len(target) > 1 else ("", "")
                if not dots:
                    stmt = f"import {name}"
                elif form == 3:
                    stmt = f"from {dots}{rest} import {target[-1]}"
                else:
                    stmt = f"from {dots}{rest} import thing, {target[-1]} as alias"
            elif form == 5:
                rel = _relative(package, target)
                stmt = f"from {rel[0]}{rel[1]} import x" if rel else "import os"
            elif form == 6:
                stmt = f"from {'.' * draw(st.integers(len(package), len(package) + 2))} import {target[-1]}"
            elif form == 7:
                stmt = draw(st.sampled_from(["import os, sys", "from typing import TYPE_CHECKING",
                                             f"import {top}.nothing", f"from {top}.nothing import a",
                                             "from collections import abc"]))
            else:
                stmt = f"import {name} as m{len(lines)}"
            wrap = draw(st.integers(0, 3))
            if wrap == 1:
                stmt = f"def f{len(lines)}():\n    {stmt}\n"
            elif wrap == 2:
                stmt = f"if TYPE_CHECKING:\n    {stmt}\n"
            lines.append(stmt)
        for _ in range(draw(st.integers(0, 2))):
            lines.insert(draw(st.integers(0, len(lines))), _decoy(draw, len(lines), package, modules))
        if draw(st.integers(0, 4)) == 0 and lines and not lines[0].startswith('"""'):
            lines.insert(0, f'"""Notes.\n\n{_decoy_import(draw, package, modules)}\n"""')  # a module docstring
        files[path] = "\n".join(lines) + "\n"
    return top, files


def _decoy_import(draw, package, modules):
    """An import line, of a module of the tree, to hide where a parser must not look."""
    target = draw(st.sampled_from(modules))[1]
    relative = _relative(package, target[:-1]) if len(target) > 1 else None
    if relative and draw(st.booleans()):
        return f"from {relative[0]}{relative[1]} import {target[-1]}"
    return f"import {'.'.join(target)}"


def _decoy(draw, n, package, modules):
    """Text that holds an import line but imports nothing: a comment, a multi-line string, a docstring."""
    line = _decoy_import(draw, package, modules)
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"# {line}"
    if form == 1:
        return f'TEMPLATE{n} = """\n{line}\n"""'
    if form == 2:
        return f"def g{n}():\n    \"\"\"Usage:\n\n    {line}\n    \"\"\"\n"
    return f"NOTE{n} = \'\'\'{line}\n    {line}\'\'\'"


@prop(trees(), max_examples=250)
def matches_reference(p, tree):
    """Random trees: the same cycles (groups of more than one module, and modules importing themselves),
    each group sorted, the list sorted."""
    top, files = tree
    fn = p.function("find_import_cycles")
    p.helper("cycles_of", fn, top, files)


EDGE_TREES = [
    ("app", {"__init__.py": ""}),
    ("app", {"__init__.py": "", "a.py": "import app.b\n", "b.py": "import app.a\n"}),
    ("app", {"__init__.py": "", "a.py": "from app import b\n", "b.py": "from . import a\n"}),
    ("app", {"__init__.py": "", "a.py": "from .b import thing\n", "b.py": "from .a import *\n"}),
    ("app", {"__init__.py": "from . import version\n"}),
    ("app", {"__init__.py": "", "a.py": "import app.a\n"}),
    ("app", {"__init__.py": "", "a.py": "from .. import a\n", "b.py": "from ... import x\n"}),
    ("app", {"__init__.py": "", "core/__init__.py": "from .models import M\n",
             "core/models.py": "from app.core import helpers\n", "core/helpers.py": "from .. import core\n"}),
    ("app", {"__init__.py": "", "core/__init__.py": "", "core/models.py": "from ..util import fmt\n",
             "util/__init__.py": "", "util/fmt.py": "def f():\n    from app.core import models\n"}),
    ("app", {"__init__.py": "import os\nimport app\n"}),
    ("my_app", {"__init__.py": "", "x.py": "import app.y\n", "y.py": "import my_app.x\n"}),
    ("app", {"__init__.py": "", "a.py": "import app.b\n", "b.py": "import app.c\n", "c.py": "import app.a\n",
             "d.py": "import app.a\n", "e.py": "import app.f\n", "f.py": "from app import e\n"}),
    ("app", {"__init__.py": "", "a.py": "import app.b.c\n", "b/__init__.py": "", "b/c.py": "from ...app import a\n"}),
    ("app", {"__init__.py": "", "a.py": "from app.b import c as d, nothing\n", "b/__init__.py": "from .. import a\n",
             "b/c.py": ""}),
    ("app", {"__init__.py": "", "notes.txt": "import app.a\n", "a.py": "x = 'import app.a'\n"}),
    # import lines that are not imports: in docstrings, multi-line strings and comments
    ("app", {"__init__.py": '"""The app.\n\nimport app.a\n"""\n', "a.py": '"""\nfrom . import b\n"""\nimport app\n',
             "b.py": "# import app.a\nT = '''\n    from .a import x\n'''\n",
             "c.py": 'def f():\n    """Use it as:\n\n    from app import c\n    """\n'}),
    # imports that are: inside functions and TYPE_CHECKING blocks
    ("app", {"__init__.py": "", "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app import b\n",
             "b.py": "def f():\n    import app.a\n"}),
    # namespace packages (no __init__.py): their files are modules, the folder itself is not
    ("app", {"a.py": "from . import b\n", "b.py": "import app.a\nimport app\n"}),
    ("app", {"__init__.py": "", "core/a.py": "from app.core import b\n", "core/b.py": "from . import a\nimport app.core\n"}),
    ("app", {"__init__.py": "from .core import x\n", "core/x.py": "import app\n", "core/db/__init__.py": "from .. import x\n",
             "util/y.py": "from app.util import y\n"}),
    # a file that is not valid Python: SyntaxError, whatever else the tree holds
    ("app", {"__init__.py": "", "a.py": "import app.b\n", "b.py": "import app.a\ndef broken(:\n    pass\n"}),
    ("app", {"__init__.py": "", "core/__init__.py": "", "core/bad.py": "x = (1,\n"}),
    ("app", {"__init__.py": "", "a.py": "import\n"}),
    ("app", {"__init__.py": "if True\n    import os\n"}),
]


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Self-imports (also `from . import name` in __init__ naming a variable), relative imports at every
    level and above the root, submodule versus name in `from M import n`, imports inside functions and
    TYPE_CHECKING blocks, three cycles of different sizes, a wrong top name, non-Python files, import
    lines inside docstrings, strings and comments, folders without __init__.py, files that do not parse,
    a trailing slash on the root."""
    fn = p.function("find_import_cycles")
    for top, files in EDGE_TREES:
        p.helper("cycles_of", fn, top, files)
    p.helper("cycles_of", fn, *EDGE_TREES[1], True)
