"""The leg map's geometry: a right leg drawn four ways, in a 360 x 480 box.

This is drawing, not reference data (the facts are in data/reference.json). The leg stands in
the middle of the box (x 106 to 254); the strips at either side hold the muscles' name tags.
Front views: the outer (lateral) side is on the left of the picture. Back views: the inner
(medial) side is on the left. Each muscle is an SVG path, an anchor point inside it (where its
tag's leader line ends) and the side its tag sits on ("left" or "right"). Drawn in order: later
shapes lie over earlier ones, as the more superficial muscle does.
"""

WIDTH = 360
HEIGHT = 480

FRONT_OUTLINE = (
    "M126,7 C108,37 104,89 110,138 C116,190 134,229 142,258 C138,277 136,297 140,319 "
    "C146,362 160,406 162,439 C160,452 150,462 148,473 L214,473 C212,462 206,452 204,439 "
    "C204,406 222,354 226,316 C228,290 222,275 218,262 C226,229 238,170 242,114 "
    "C244,78 242,50 238,33 Z"
)
BACK_OUTLINE = (
    "M122,33 L234,7 C252,37 256,89 250,138 C244,190 226,229 218,260 C226,281 232,301 230,329 "
    "C226,371 204,406 200,441 C202,454 208,463 210,473 L150,473 C152,462 158,452 160,441 "
    "C156,406 124,373 120,327 C118,297 132,277 142,262 C132,231 118,175 116,114 "
    "C116,78 118,50 122,33 Z"
)

FRONT = {
    "outline": FRONT_OUTLINE,
    "landmarks": [
        ("Kneecap (patella)", "M170,238 C162,249 164,268 182,273 C198,268 200,249 192,238 Z"),
        ("Shin bone (tibia)", "M196,279 L212,279 C212,332 210,388 206,436 L194,436 Z"),
    ],
    "muscles": [
        (
            "vastus-lateralis",
            "M118,42 C106,92 112,175 142,246 L162,238 C162,181 150,111 132,54 Z",
            (128, 138),
            "left",
        ),
        (
            "vastus-medialis",
            "M196,148 C214,164 230,205 216,244 C206,253 196,249 190,238 C196,205 194,175 196,148 Z",
            (212, 214),
            "right",
        ),
        (
            "rectus-femoris",
            "M150,31 C140,83 148,175 168,236 L192,236 C200,175 194,89 166,31 Z",
            (168, 157),
            "left",
        ),
        (
            "iliopsoas",
            "M150,15 L186,18 C186,39 180,57 172,74 C164,61 156,42 150,15 Z",
            (172, 41),
            "right",
        ),
        (
            "pectineus",
            "M186,18 L212,22 C208,42 200,61 190,74 C180,65 180,41 186,18 Z",
            (196, 42),
            "right",
        ),
        (
            "adductor-longus",
            "M212,22 L232,30 C228,68 212,114 194,144 C188,111 196,66 212,22 Z",
            (212, 74),
            "right",
        ),
        (
            "gracilis",
            "M232,30 L240,37 C242,100 232,185 222,264 L212,262 C218,185 226,111 232,30 Z",
            (232, 129),
            "right",
        ),
        (
            "sartorius",
            "M126,9 L142,9 C160,74 204,138 224,209 L224,270 L212,271 C208,218 178,151 128,37 Z",
            (150, 55),
            "left",
        ),
        (
            "fibularis-longus",
            "M142,288 L158,286 C160,323 160,351 158,378 L150,378 C144,351 140,314 142,288 Z",
            (150, 323),
            "left",
        ),
        (
            "fibularis-brevis",
            "M150,373 L160,369 C164,397 166,421 164,441 L158,441 C156,417 152,397 150,373 Z",
            (158, 402),
            "left",
        ),
        (
            "extensor-digitorum-longus",
            "M158,282 L174,282 C176,332 176,388 176,434 L166,434 C164,388 160,332 158,282 Z",
            (167, 351),
            "left",
        ),
        (
            "extensor-hallucis-longus",
            "M176,351 L184,349 C186,388 188,425 190,456 L182,458 C180,425 178,388 176,351 Z",
            (182, 397),
            "right",
        ),
        (
            "tibialis-anterior",
            "M174,281 L196,281 C196,332 192,388 196,443 L188,445 C184,388 176,332 174,281 Z",
            (186, 314),
            "right",
        ),
        (
            "fibularis-tertius",
            "M164,421 L176,421 C178,434 178,447 176,458 L166,458 C166,447 164,434 164,421 Z",
            (171, 441),
            "left",
        ),
    ],
}

BACK = {
    "outline": BACK_OUTLINE,
    "landmarks": [
        ("Achilles tendon", "M172,406 L190,406 C188,430 188,449 190,467 L172,467 Z"),
    ],
    "muscles": [
        (
            "adductor-magnus",
            "M122,37 L152,31 C154,85 150,138 140,188 C126,157 118,102 122,37 Z",
            (136, 83),
            "left",
        ),
        (
            "semimembranosus",
            "M138,103 C154,138 160,196 152,255 L140,257 C128,222 126,162 138,103 Z",
            (143, 203),
            "left",
        ),
        (
            "semitendinosus",
            "M152,31 L180,26 C178,96 170,188 152,262 L144,260 C158,185 160,96 152,31 Z",
            (164, 111),
            "left",
        ),
        (
            "biceps-femoris",
            "M180,26 L234,9 C250,70 240,166 220,262 L208,260 C212,188 198,111 180,26 Z",
            (214, 138),
            "right",
        ),
        (
            "soleus",
            "M132,345 C136,388 160,417 172,426 L190,426 C206,410 224,382 226,340 "
            "C220,367 200,388 180,388 C160,388 140,371 132,345 Z",
            (206, 397),
            "right",
        ),
        (
            "gastrocnemius",
            "M146,268 C124,303 122,354 144,375 C156,384 172,380 180,367 C188,378 206,377 214,362 "
            "C230,334 228,297 214,268 C198,277 162,277 146,268 Z",
            (150, 323),
            "left",
        ),
    ],
}

FRONT_DEEP = {
    "outline": FRONT_OUTLINE,
    "landmarks": [
        (
            "Thigh bone (femur)",
            "M196,24 C184,24 172,31 168,44 L170,55 C168,111 166,185 170,231 L196,231 "
            "C192,185 186,111 184,59 C190,48 200,42 204,33 Z",
        ),
        ("Shin bone (tibia)", "M180,273 L212,273 C210,332 206,388 204,436 L190,436 Z"),
        ("Calf bone (fibula)", "M148,277 L160,277 C162,332 164,388 166,439 L158,439 Z"),
    ],
    "muscles": [
        (
            "iliacus",
            "M122,7 L170,7 C176,37 178,65 178,89 L170,90 C158,55 140,31 122,7 Z",
            (150, 33),
            "left",
        ),
        (
            "psoas-major",
            "M180,4 L200,4 C196,37 188,66 182,90 L176,89 C176,59 178,31 180,4 Z",
            (188, 28),
            "right",
        ),
        (
            "obturator-externus",
            "M222,28 C228,39 222,52 210,54 L172,48 L174,39 C190,37 206,31 222,28 Z",
            (212, 42),
            "right",
        ),
        (
            "adductor-brevis",
            "M206,57 L226,52 C226,92 212,124 194,148 C190,113 196,85 206,57 Z",
            (210, 92),
            "right",
        ),
        (
            "vastus-intermedius",
            "M144,92 C140,138 148,194 164,238 L198,238 C204,194 200,138 194,92 "
            "C180,100 158,100 144,92 Z",
            (160, 175),
            "left",
        ),
    ],
}

BACK_DEEP = {
    "outline": BACK_OUTLINE,
    "landmarks": [
        (
            "Thigh bone (femur)",
            "M168,111 L192,111 C194,166 198,212 212,249 L148,249 C160,212 166,166 168,111 Z",
        ),
        ("Shin bone (tibia)", "M148,273 L180,273 C176,332 172,388 170,439 L156,439 Z"),
        ("Calf bone (fibula)", "M202,277 L214,277 C210,332 206,388 202,441 L194,441 Z"),
    ],
    "muscles": [
        (
            "popliteus",
            "M208,264 L218,273 C198,294 172,308 148,312 L146,294 C170,288 192,277 208,264 Z",
            (182, 292),
            "left",
        ),
        (
            "flexor-digitorum-longus",
            "M146,325 L164,318 C168,366 168,406 164,441 L156,441 C150,397 142,366 146,325 Z",
            (156, 378),
            "left",
        ),
        (
            "tibialis-posterior",
            "M168,316 L196,316 C196,360 188,397 176,430 L168,428 C170,397 168,360 168,316 Z",
            (182, 351),
            "right",
        ),
        (
            "flexor-hallucis-longus",
            "M198,332 L216,329 C216,369 204,406 186,447 L178,445 C190,406 198,369 198,332 Z",
            (204, 388),
            "right",
        ),
    ],
}

# The four pictures in the order the map offers them: name, title, short name for the switch,
# the labels of the picture's left and right sides, and the geometry.
VIEWS = [
    ("front", "Front of the right leg", "Front", "Outer side", "Inner side", FRONT),
    ("back", "Back of the right leg", "Back", "Inner side", "Outer side", BACK),
    (
        "front-deep",
        "Deep muscles at the front of the right leg",
        "Deep front",
        "Outer side",
        "Inner side",
        FRONT_DEEP,
    ),
    (
        "back-deep",
        "Deep muscles at the back of the right leg",
        "Deep back",
        "Inner side",
        "Outer side",
        BACK_DEEP,
    ),
]
