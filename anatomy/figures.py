"""Line drawings of the library's exercises, made for this project: a stick figure seen from
the side, placed by its joints in a 240 x 150 box (the floor at y 140), with the props it needs.
The leg doing the work is "a"; the segments the exercise works are drawn in red. Each drawing
has its description in words, for those who cannot see it.
"""

from dataclasses import dataclass, field

SEGMENTS = {
    "torso": ("neck", "hip"),
    "thigh_a": ("hip", "knee_a"),
    "shin_a": ("knee_a", "ankle_a"),
    "foot_a": ("ankle_a", "toe_a"),
    "thigh_b": ("hip", "knee_b"),
    "shin_b": ("knee_b", "ankle_b"),
    "foot_b": ("ankle_b", "toe_b"),
    "upper_arm": ("neck", "elbow"),
    "forearm": ("elbow", "hand"),
}


@dataclass(frozen=True)
class Pose:
    alt: str
    joints: dict
    worked: tuple  # the segments drawn in red
    props: dict = field(default_factory=dict)  # wall: x; box: (x, y, w, h); ball: (x, y, r)


STANDING_TIPTOE = {
    "head": (140, 20),
    "neck": (140, 33),
    "hip": (140, 80),
    "knee_a": (142, 108),
    "ankle_a": (144, 130),
    "toe_a": (156, 140),
    "knee_b": (137, 108),
    "ankle_b": (139, 130),
    "toe_b": (151, 140),
    "elbow": (166, 52),
    "hand": (196, 56),
}
LYING = {"head": (28, 128), "neck": (42, 132), "elbow": (68, 137), "hand": (94, 138)}

POSES = {
    "calf-hold-isometric": Pose(
        "A person standing side-on, fingertips on a wall, holding still halfway up on their "
        "toes; both calves are marked.",
        STANDING_TIPTOE,
        ("shin_a", "shin_b"),
        {"wall": 200},
    ),
    "calf-raise-double-leg": Pose(
        "A person standing side-on with a hand on a wall, risen onto the balls of both feet; "
        "both calves are marked.",
        STANDING_TIPTOE,
        ("shin_a", "shin_b"),
        {"wall": 200, "arrow": (120, 136, 120, 112)},
    ),
    "calf-raise-single-leg": Pose(
        "A person on one leg, risen onto the ball of that foot with the knee straight, the "
        "other foot lifted behind; the standing calf is marked.",
        {**STANDING_TIPTOE, "knee_b": (134, 108), "ankle_b": (116, 116), "toe_b": (110, 124)},
        ("shin_a",),
        {"wall": 200},
    ),
    "calf-raise-bent-knee": Pose(
        "A person facing a wall with both hands on it, knees bent, risen onto the balls of the "
        "feet; the lower calf is marked.",
        {
            "head": (146, 24),
            "neck": (144, 37),
            "hip": (130, 84),
            "knee_a": (152, 106),
            "ankle_a": (142, 130),
            "toe_a": (154, 140),
            "knee_b": (148, 106),
            "ankle_b": (138, 130),
            "toe_b": (150, 140),
            "elbow": (172, 52),
            "hand": (198, 48),
        },
        ("shin_a", "shin_b"),
        {"wall": 200},
    ),
    "eccentric-heel-drop": Pose(
        "A person standing on the ball of one foot on the edge of a step, holding a rail, the "
        "heel lowered below the step; that calf is marked.",
        {
            "head": (128, 14),
            "neck": (128, 27),
            "hip": (128, 72),
            "knee_a": (129, 98),
            "ankle_a": (128, 122),
            "toe_a": (142, 114),
            "knee_b": (124, 96),
            "ankle_b": (112, 108),
            "toe_b": (106, 116),
            "elbow": (150, 46),
            "hand": (170, 60),
        },
        ("shin_a",),
        {"box": (134, 114, 70, 26), "arrow": (112, 112, 112, 134)},
    ),
    "tibialis-raise": Pose(
        "A person leaning back against a wall, heels forward of it, lifting the fronts of the "
        "feet; the front of the shin is marked.",
        {
            "head": (64, 22),
            "neck": (64, 35),
            "hip": (68, 82),
            "knee_a": (84, 110),
            "ankle_a": (100, 136),
            "toe_a": (112, 126),
            "knee_b": (80, 110),
            "ankle_b": (96, 136),
            "toe_b": (108, 126),
            "elbow": (72, 60),
            "hand": (78, 82),
        },
        ("shin_a", "shin_b"),
        {"wall": 56},
    ),
    "hamstring-hold-isometric": Pose(
        "A person lying on their back, one knee a little bent with the heel pressing into the "
        "floor, the other leg straight; the back of the bent leg's thigh is marked.",
        {
            **LYING,
            "hip": (100, 134),
            "knee_a": (132, 120),
            "ankle_a": (162, 134),
            "toe_a": (168, 125),
            "knee_b": (140, 136),
            "ankle_b": (180, 137),
            "toe_b": (184, 128),
        },
        ("thigh_a",),
    ),
    "hamstring-bridge-double": Pose(
        "A person lying on their back with knees bent and feet flat, hips lifted in a line "
        "with the shoulders and knees; the backs of the thighs are marked.",
        {
            **LYING,
            "hip": (98, 108),
            "knee_a": (136, 96),
            "ankle_a": (146, 132),
            "toe_a": (158, 139),
            "knee_b": (132, 98),
            "ankle_b": (142, 132),
            "toe_b": (154, 139),
        },
        ("thigh_a", "thigh_b"),
    ),
    "hamstring-bridge-single": Pose(
        "A person in a bridge on one leg, the other leg held out straight; the back of the "
        "supporting thigh is marked.",
        {
            **LYING,
            "hip": (98, 108),
            "knee_a": (136, 96),
            "ankle_a": (146, 132),
            "toe_a": (158, 139),
            "knee_b": (132, 96),
            "ankle_b": (168, 86),
            "toe_b": (172, 78),
        },
        ("thigh_a",),
    ),
    "nordic-hamstring-curl": Pose(
        "A person kneeling upright with the ankles held down, leaning the whole body forward "
        "from the knees; the backs of the thighs are marked.",
        {
            "head": (172, 58),
            "neck": (164, 68),
            "hip": (136, 104),
            "knee_a": (112, 138),
            "ankle_a": (76, 138),
            "toe_a": (68, 131),
            "knee_b": (108, 138),
            "ankle_b": (72, 138),
            "toe_b": (64, 131),
            "elbow": (174, 88),
            "hand": (184, 104),
        },
        ("thigh_a", "thigh_b"),
        {"hold": (74, 132)},
    ),
    "adductor-squeeze": Pose(
        "A person lying on their back with knees bent, squeezing a ball between the knees; "
        "the inner thighs are marked.",
        {
            **LYING,
            "hip": (100, 134),
            "knee_a": (134, 104),
            "ankle_a": (154, 136),
            "toe_a": (166, 139),
            "knee_b": (130, 106),
            "ankle_b": (150, 136),
            "toe_b": (162, 139),
        },
        ("thigh_a", "thigh_b"),
        {"ball": (140, 100, 8)},
    ),
    "copenhagen-adduction": Pose(
        "A person in a side plank on one forearm, the top knee resting on a bench and the "
        "lower leg lifted to it; the inner thighs are marked.",
        {
            "head": (30, 98),
            "neck": (42, 108),
            "hip": (104, 110),
            "knee_a": (152, 100),
            "ankle_a": (190, 100),
            "toe_a": (198, 94),
            "knee_b": (150, 112),
            "ankle_b": (184, 110),
            "toe_b": (192, 104),
            "elbow": (44, 138),
            "hand": (70, 139),
        },
        ("thigh_a", "thigh_b"),
        {"box": (146, 104, 76, 36)},
    ),
    "straight-leg-raise": Pose(
        "A person lying on their back, one knee bent with the foot flat, lifting the other leg "
        "straight; the front of the lifted thigh is marked.",
        {
            **LYING,
            "hip": (100, 134),
            "knee_a": (138, 120),
            "ankle_a": (174, 106),
            "toe_a": (180, 97),
            "knee_b": (130, 108),
            "ankle_b": (150, 136),
            "toe_b": (162, 139),
        },
        ("thigh_a",),
    ),
    "wall-sit": Pose(
        "A person sitting with their back against a wall and no chair, knees bent; the fronts "
        "of the thighs are marked.",
        {
            "head": (66, 40),
            "neck": (66, 53),
            "hip": (68, 100),
            "knee_a": (112, 100),
            "ankle_a": (112, 136),
            "toe_a": (124, 140),
            "knee_b": (108, 102),
            "ankle_b": (108, 136),
            "toe_b": (120, 140),
            "elbow": (80, 78),
            "hand": (100, 96),
        },
        ("thigh_a", "thigh_b"),
        {"wall": 58},
    ),
    "step-up": Pose(
        "A person stepping up onto a step, the leading foot on the step and the other behind "
        "on the floor; the front of the leading thigh is marked.",
        {
            "head": (124, 16),
            "neck": (124, 29),
            "hip": (122, 74),
            "knee_a": (146, 88),
            "ankle_a": (142, 110),
            "toe_a": (154, 112),
            "knee_b": (116, 104),
            "ankle_b": (106, 132),
            "toe_b": (116, 140),
            "elbow": (134, 52),
            "hand": (146, 66),
        },
        ("thigh_a",),
        {"box": (130, 112, 70, 28)},
    ),
    "split-squat": Pose(
        "A person lowered in a split stance, front knee bent over the foot and back knee near "
        "the floor; the front thigh is marked.",
        {
            "head": (118, 34),
            "neck": (118, 47),
            "hip": (118, 94),
            "knee_a": (148, 100),
            "ankle_a": (148, 134),
            "toe_a": (160, 140),
            "knee_b": (100, 128),
            "ankle_b": (74, 130),
            "toe_b": (68, 140),
            "elbow": (120, 72),
            "hand": (122, 94),
        },
        ("thigh_a",),
    ),
    "single-leg-balance": Pose(
        "A person balancing on one leg, the other knee lifted in front, a fingertip near a "
        "wall; the lower part of the standing leg is marked.",
        {
            "head": (140, 20),
            "neck": (140, 33),
            "hip": (140, 80),
            "knee_a": (140, 110),
            "ankle_a": (140, 134),
            "toe_a": (152, 140),
            "knee_b": (164, 96),
            "ankle_b": (158, 122),
            "toe_b": (168, 126),
            "elbow": (118, 56),
            "hand": (102, 70),
        },
        ("shin_a",),
        {"wall": 96},
    ),
    "heel-and-toe-walk": Pose(
        "A person walking on their heels, the fronts of the feet lifted; the front of the shin "
        "is marked.",
        {
            "head": (128, 20),
            "neck": (128, 33),
            "hip": (128, 80),
            "knee_a": (142, 108),
            "ankle_a": (152, 134),
            "toe_a": (164, 126),
            "knee_b": (122, 108),
            "ankle_b": (112, 134),
            "toe_b": (124, 128),
            "elbow": (142, 56),
            "hand": (150, 76),
        },
        ("shin_a",),
        {"arrow": (172, 90, 204, 90)},
    ),
    "hip-flexor-march": Pose(
        "A person standing tall with a hand on a chair, lifting one knee toward hip height; "
        "the front of the lifted hip and thigh is marked.",
        {
            "head": (120, 20),
            "neck": (120, 33),
            "hip": (120, 80),
            "knee_a": (148, 80),
            "ankle_a": (146, 110),
            "toe_a": (158, 112),
            "knee_b": (120, 110),
            "ankle_b": (120, 134),
            "toe_b": (132, 140),
            "elbow": (104, 56),
            "hand": (86, 70),
        },
        ("thigh_a",),
        {"box": (62, 70, 30, 70)},
    ),
}


def drawing_of(exercise):
    """The lines, head and props of an exercise's drawing, and its words; None without one."""
    pose = POSES.get(exercise.slug)
    if pose is None:
        return None
    joints = pose.joints
    lines = [
        {
            "x1": joints[a][0],
            "y1": joints[a][1],
            "x2": joints[b][0],
            "y2": joints[b][1],
            "worked": name in pose.worked,
        }
        for name, (a, b) in SEGMENTS.items()
    ]
    lines.sort(key=lambda line: line["worked"])  # the worked segments on top
    return {"alt": pose.alt, "lines": lines, "head": joints["head"], "props": pose.props}
