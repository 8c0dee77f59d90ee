import pkgutil
import subprocess
import sys

import borgerservice_desk


def test_the_core_imports_without_loading_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(borgerservice_desk.__path__, "borgerservice_desk.")]
    modules = [m for m in modules if ".migrations" not in m]
    assert "borgerservice_desk.services.mitid" in modules  # the walk found the package
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
