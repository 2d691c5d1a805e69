"""Where the pages' files live: templates, static files, and the vendored vis-network build."""

from __future__ import annotations

from pathlib import Path

VIZ_DIR = Path(__file__).resolve().parent
STATIC_DIR = VIZ_DIR / "static"
TEMPLATES_DIR = VIZ_DIR / "templates"

VIS_NETWORK_VERSION = "10.1.5"
VIS_NETWORK_JS = f"vendor/vis-network-{VIS_NETWORK_VERSION}/vis-network-{VIS_NETWORK_VERSION}.min.js"

# A concrete CJK font stack (vis-network draws on a canvas: a generic family is not enough).
CJK_FONT_STACK = (
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", Arial, sans-serif'
)


def vis_network_js() -> str:
    """The vendored vis-network standalone build (it carries its own CSS)."""
    return (STATIC_DIR / VIS_NETWORK_JS).read_text(encoding="utf-8")
