"""The leg map: a right leg drawn from the front and the back, each with a deep layer.

Each drawn muscle is a link made of its shape and a name tag at the side of the picture (with a
line to the shape), so every muscle, however thin, has a target at least 44 CSS px tall on a
phone. The geometry is in leg_shapes; this module places the tags and builds the views.
"""

from dataclasses import dataclass, field

from anatomy.leg_shapes import HEIGHT, VIEWS, WIDTH

TAG_WIDTH = 104
TAG_HEIGHT = 46
TAG_GAP = 6
TAG_TOP = 4
TAG_BOTTOM = HEIGHT - 26  # leaves room for the "outer side / inner side" words below
FONT_SIZE = 12
TEXT_ROOM = TAG_WIDTH - 8  # a line's width inside the tag, in px
LINE_HEIGHT = 15


@dataclass
class Region:
    muscle: object
    path: str
    href: str
    tag_x: int = 0
    tag_y: int = 0
    lines: list = field(default_factory=list)  # (dy, text, squeeze): see tag_lines
    leader: str = ""

    @property
    def text_x(self):
        return self.tag_x + TAG_WIDTH // 2

    @property
    def text_y(self):
        return self.tag_y + TAG_HEIGHT // 2


@dataclass
class View:
    name: str
    title: str
    short: str
    left_label: str
    right_label: str
    outline: str
    landmarks: list
    regions: list = field(default_factory=list)


@dataclass
class LegMap:
    views: list
    undrawn: list  # muscles drawn only as their parts (the quadriceps as a whole)
    width: int = WIDTH
    height: int = HEIGHT
    tag_width: int = TAG_WIDTH
    tag_height: int = TAG_HEIGHT


# Rough glyph widths, in ems, of the page's sans-serif as Chromium draws it (measured: a name
# estimated at 111 px draws 110 px wide); a browser test checks every tag's text fits.
NARROW = dict.fromkeys("fijlrt ", 0.3)
WIDE = dict.fromkeys("mw", 0.85)
GLYPH_EM = 0.56
CAPITAL_EM = 0.66


def text_width(text, size=FONT_SIZE):
    """A line's estimated width in px at the given font size."""
    ems = sum(
        NARROW.get(char, WIDE.get(char, CAPITAL_EM if char.isupper() else GLYPH_EM))
        for char in text
    )
    return ems * size


def tag_lines(name, room=TEXT_ROOM):
    """A muscle's name broken at spaces into lines that fit the tag: (dy, text, squeeze) each,
    dy placing the lines centred on the tag's middle. A single word too long for the tag is
    squeezed to fit (squeeze: the width to draw it in, or None)."""
    lines = []
    for word in name.split():
        if lines and text_width(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    first = 4 - (len(lines) - 1) * LINE_HEIGHT // 2
    return [
        (first if index == 0 else LINE_HEIGHT, line, room if text_width(line) > room else None)
        for index, line in enumerate(lines)
    ]


def spread(centres, height=TAG_HEIGHT, gap=TAG_GAP, top=TAG_TOP, bottom=TAG_BOTTOM):
    """Tops for tags of the given height, each as near its wanted centre as the others allow:
    in the same order, never overlapping, all between top and bottom."""
    step = height + gap
    tops = []
    for centre in centres:
        wanted = max(top, round(centre - height / 2))
        tops.append(max(wanted, tops[-1] + step) if tops else wanted)
    limit = bottom - height
    for index in range(len(tops) - 1, -1, -1):
        tops[index] = min(tops[index], limit)
        limit = tops[index] - step
    return tops


def _place_tags(regions_with_anchor):
    """Set each region's tag position and leader line; tags on one side keep the top-to-bottom
    order of their anchors."""
    for side in ("left", "right"):
        on_side = sorted(
            (item for item in regions_with_anchor if item[2] == side), key=lambda item: item[1][1]
        )
        tops = spread([anchor[1] for _, anchor, _ in on_side])
        for (region, (x, y), _), top in zip(on_side, tops, strict=True):
            region.tag_y = top
            region.tag_x = 0 if side == "left" else WIDTH - TAG_WIDTH
            edge = TAG_WIDTH if side == "left" else WIDTH - TAG_WIDTH
            region.leader = f"{edge},{top + TAG_HEIGHT // 2} {x},{y}"


def build(muscles, href_for=None):
    """The four views with a link per drawn muscle, and the muscles drawn only as their parts.

    href_for(muscle) gives each link's target: the muscle page by default, or, for a picker in
    a form, a URL that chooses the muscle.
    """
    href_for = href_for or (lambda muscle: muscle.get_absolute_url())
    by_slug = {muscle.slug: muscle for muscle in muscles}
    views = []
    drawn = set()
    for name, title, short, left, right, geometry in VIEWS:
        view = View(name, title, short, left, right, geometry["outline"], geometry["landmarks"])
        placed = []
        for slug, path, anchor, side in geometry["muscles"]:
            muscle = by_slug.get(slug)
            if muscle is None:
                continue
            region = Region(muscle, path, href_for(muscle), lines=tag_lines(muscle.name))
            view.regions.append(region)
            placed.append((region, anchor, side))
            drawn.add(slug)
        _place_tags(placed)
        views.append(view)
    undrawn = [(muscle, href_for(muscle)) for muscle in muscles if muscle.slug not in drawn]
    return LegMap(views, undrawn)


def drawing_for(slugs):
    """For a muscle's page: the view that draws the most of these muscles (the muscle and its
    parts), each of its shapes with whether to highlight it; None when no view draws any."""
    best = None
    for name, title, _short, _left, _right, geometry in VIEWS:
        shapes = [(slug, path, slug in slugs) for slug, path, _, _ in geometry["muscles"]]
        lit = sum(1 for _, _, is_lit in shapes if is_lit)
        if lit and (best is None or lit > best[0]):
            best = (lit, name, title, geometry, shapes)
    if best is None:
        return None
    _, name, title, geometry, shapes = best
    return {
        "name": name,
        "title": title,
        "outline": geometry["outline"],
        "landmarks": geometry["landmarks"],
        "shapes": shapes,
        "view_box": f"{TAG_WIDTH - 8} 0 {WIDTH - 2 * TAG_WIDTH + 16} {HEIGHT}",
    }
