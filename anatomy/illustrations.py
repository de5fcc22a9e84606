"""The line drawing made for each stretch (inline SVG in templates/anatomy/illustrations/, so
that a cached reference page never names a static file of another deploy), with what it shows
in words. A stretch without one here is shown without a drawing."""

STRETCH_DRAWINGS = {
    "calf-stretch-straight-knee": "A person leaning into a wall, hands on it, the back leg "
    "straight with its heel down; the back calf is marked.",
    "calf-stretch-bent-knee": "A person leaning into a wall, hands on it, the back knee bent "
    "with its heel down; the lower back calf is marked.",
    "hamstring-stretch-lying": "A person lying on their back, one leg raised straight with a "
    "towel around the foot held in the hands; the back of the raised thigh is marked.",
    "quadriceps-stretch-standing": "A person standing with one hand on a wall, the other hand "
    "holding the foot of the bent leg behind them; the front of that thigh is marked.",
    "groin-stretch-seated": "A person sitting upright with the soles of the feet together and "
    "the knees out to the sides; the inner thighs are marked.",
    "groin-stretch-straddle": "A person sitting upright with the legs straight and wide apart; "
    "the inner thighs are marked.",
    "hip-flexor-stretch-kneeling": "A person kneeling on one knee with the other foot in front, "
    "as in a lunge, upright; the front of the back hip and thigh is marked.",
    "shin-stretch-kneeling": "A person kneeling and sitting back on their heels, the tops of the "
    "feet flat on the floor; the front of the shins is marked.",
}


def drawing_of(stretch):
    """The template and the words of a stretch's drawing, or None."""
    alt = STRETCH_DRAWINGS.get(stretch.slug)
    if alt is None:
        return None
    return {"template": f"anatomy/illustrations/{stretch.slug}.html", "alt": alt}
