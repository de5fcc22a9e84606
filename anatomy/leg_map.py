"""The leg map: a schematic front and back view of a right leg, one shape per muscle.

The geometry is drawing, not reference data: each shape is a polygon in a 200 x 570 box.
Front view: the outer (lateral) side is on the left of the picture, the inner (medial) side
on the right. Back view: the inner side is on the left, the outer side on the right.
Deep muscles are not drawn; the map lists them beside the view they belong to.
"""

from dataclasses import dataclass, field

FRONT_OUTLINE = (
    "28,20 172,20 170,60 156,170 146,280 150,320 148,380 128,470 122,512 130,540 "
    "150,552 150,562 80,562 76,540 78,512 72,470 52,380 50,320 56,280 40,180 28,80"
)
BACK_OUTLINE = (
    "28,20 172,20 172,80 160,180 144,280 150,320 152,380 132,470 122,512 120,562 "
    "80,562 78,512 68,470 48,380 50,320 56,280 40,170 30,60"
)

# Drawn in this order, so later shapes sit on top of earlier ones where they overlap.
SHAPES = {
    "front": [
        ("vastus-lateralis", "30,70 66,60 80,150 84,240 70,272 58,262 44,180 32,110"),
        ("vastus-medialis", "104,160 130,170 136,230 128,262 112,272 98,256 102,200"),
        ("rectus-femoris", "70,52 94,40 104,110 100,200 94,245 84,250 80,200 76,120"),
        ("iliopsoas", "96,22 118,22 116,62 102,70"),
        ("pectineus", "118,22 138,22 134,64 116,62"),
        ("adductor-longus", "138,22 160,22 150,120 134,64"),
        ("gracilis", "160,22 171,24 166,80 150,200 144,262 136,262 142,200 150,120"),
        ("sartorius", "34,22 56,22 96,110 140,220 148,262 138,274 124,230 84,120"),
        ("fibularis-longus", "54,300 72,298 74,400 64,410 56,360"),
        ("fibularis-brevis", "62,410 74,400 76,470 72,495 66,470"),
        ("extensor-digitorum-longus", "72,298 88,298 88,400 84,420 84,480 78,480 74,400"),
        ("extensor-hallucis-longus", "84,420 88,400 92,420 92,495 86,500 84,480"),
        ("tibialis-anterior", "88,298 108,298 106,370 100,440 98,500 92,500 92,420 88,400"),
        ("fibularis-tertius", "76,480 84,480 86,508 78,508"),
    ],
    "back": [
        ("adductor-magnus", "30,24 66,24 66,110 56,160 40,150 32,90"),
        ("semimembranosus", "40,150 56,160 68,110 76,180 72,240 60,262 48,240 42,200"),
        ("semitendinosus", "66,24 104,24 104,120 92,200 80,250 72,240 76,180 68,110"),
        ("biceps-femoris", "104,24 168,24 160,120 148,220 132,268 118,262 112,200 104,120"),
        ("soleus", "54,340 146,340 140,440 112,480 88,480 60,440"),
        ("gastrocnemius", "58,290 142,290 144,360 128,410 100,420 72,410 56,360"),
    ],
}

# Landmarks drawn without links, so the shapes have something to sit against.
LANDMARKS = {
    "front": [("Shin bone (tibia)", "108,300 126,300 122,500 106,500")],
    "back": [("Achilles tendon", "94,470 106,470 106,532 94,532")],
}

VIEW_TITLES = {
    "front": ("Front of the right leg", "Outer side", "Inner side"),
    "back": ("Back of the right leg", "Inner side", "Outer side"),
}


@dataclass
class Region:
    muscle: object
    points: str
    href: str


@dataclass
class View:
    name: str
    title: str
    left_label: str
    right_label: str
    outline: str
    regions: list = field(default_factory=list)
    landmarks: list = field(default_factory=list)
    listed: list = field(default_factory=list)


def view_of(muscle):
    """Which picture a muscle belongs to: the back one for back-compartment muscles."""
    if muscle.map_view:
        return muscle.map_view
    return "back" if muscle.compartment.position == "posterior" else "front"


def build(muscles, href_for=None):
    """The two views with a link per drawn muscle; undrawn (deep) muscles listed per view.

    href_for(muscle) gives each link's target: the muscle page by default, or, for a
    picker in a form, a URL that chooses the muscle.
    """
    href_for = href_for or (lambda muscle: muscle.get_absolute_url())
    by_slug = {muscle.slug: muscle for muscle in muscles}
    views = []
    for name, outline in (("front", FRONT_OUTLINE), ("back", BACK_OUTLINE)):
        title, left, right = VIEW_TITLES[name]
        view = View(name, title, left, right, outline, landmarks=LANDMARKS[name])
        for slug, points in SHAPES[name]:
            if slug in by_slug:
                view.regions.append(Region(by_slug[slug], points, href_for(by_slug[slug])))
        drawn = {slug for slug, _ in SHAPES[name]}
        view.listed = [
            Region(muscle, "", href_for(muscle))
            for muscle in muscles
            if view_of(muscle) == name and muscle.slug not in drawn
        ]
        views.append(view)
    return views


def drawing_for(slugs):
    """For a muscle's page: the view (front or back) that draws the most of these muscles (the
    muscle and its parts), each of its shapes with whether to highlight it; None when neither
    view draws any of them (a deep muscle)."""
    best = None
    for name, outline in (("front", FRONT_OUTLINE), ("back", BACK_OUTLINE)):
        shapes = [(slug, points, slug in slugs) for slug, points in SHAPES[name]]
        drawn = sum(1 for _, _, lit in shapes if lit)
        if drawn and (best is None or drawn > best[0]):
            best = (drawn, name, outline, shapes)
    if best is None:
        return None
    _, name, outline, shapes = best
    return {
        "title": VIEW_TITLES[name][0],
        "outline": outline,
        "landmarks": LANDMARKS[name],
        "shapes": shapes,
    }
