"""The leg-muscle reference: regions, compartments, groups, muscles, conditions and care pages.

The rows come from the reviewed data file `anatomy/data/reference.json` (see reference.py)
and can be corrected in the admin.
"""

from django.db import models
from django.urls import reverse


class Region(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    also_called = models.CharField(max_length=80, blank=True)
    summary = models.TextField()
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:region", args=[self.slug])


class Compartment(models.Model):
    class Position(models.TextChoices):
        ANTERIOR = "anterior", "Anterior (front)"
        LATERAL = "lateral", "Lateral (outer side)"
        POSTERIOR = "posterior", "Posterior (back)"
        MEDIAL = "medial", "Medial (inner side)"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="compartments")
    position = models.CharField(max_length=10, choices=Position.choices)
    what_it_does = models.TextField(help_text="What the muscles here do, as the source says.")
    jobs = models.JSONField(default=list, blank=True, help_text="A list of short jobs.")
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["region__order", "order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:compartment", args=[self.slug])


class MuscleGroup(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    other_names = models.JSONField(default=list, blank=True)
    summary = models.TextField()
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:group", args=[self.slug])


class MuscleQuerySet(models.QuerySet):
    def names(self):
        """What a label or a link needs (id, slug, name), without the long texts and the JSON
        lists of the full row: the logs name muscles on many pages."""
        return self.only("pk", "slug", "name")


class Muscle(models.Model):
    class Layer(models.TextChoices):
        SUPERFICIAL = "superficial", "Superficial (near the skin)"
        DEEP = "deep", "Deep (under other muscles)"

    class MapView(models.TextChoices):
        FRONT = "front", "Front view"
        BACK = "back", "Back view"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    other_names = models.JSONField(default=list, blank=True)
    search_terms = models.JSONField(
        default=list,
        blank=True,
        help_text="Extra words people search with: common misspellings, plain descriptions.",
    )
    summary = models.TextField()
    compartment = models.ForeignKey(Compartment, on_delete=models.PROTECT, related_name="muscles")
    group = models.ForeignKey(
        MuscleGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="muscles"
    )
    part_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="parts"
    )
    layer = models.CharField(max_length=12, choices=Layer.choices, blank=True)
    placement_note = models.TextField(
        blank=True, help_text="Where standard texts place the muscle differently from the source."
    )
    origin = models.TextField()
    insertion = models.TextField()
    nerve = models.CharField(max_length=200)
    nerve_note = models.TextField(blank=True, help_text="Root levels, and where texts disagree.")
    actions = models.JSONField(default=list, help_text="Main actions in anatomical terms.")
    everyday_actions = models.JSONField(default=list, help_text="The same in everyday words.")
    common_problems = models.JSONField(default=list, blank=True)
    map_view = models.CharField(
        max_length=5,
        choices=MapView.choices,
        blank=True,
        help_text="Where the leg map draws it; blank for deep muscles listed beside the map.",
    )
    ta98 = models.CharField("Terminologia Anatomica (TA98)", max_length=20, blank=True)
    fma = models.CharField("Foundational Model of Anatomy", max_length=20, blank=True)
    uberon = models.CharField("UBERON", max_length=20, blank=True)
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = MuscleQuerySet.as_manager()

    class Meta:
        ordering = ["compartment__region__order", "compartment__order", "order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:muscle", args=[self.slug])

    @property
    def region(self):
        return self.compartment.region


class Condition(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    other_names = models.JSONField(default=list, blank=True)
    summary = models.TextField()
    what_it_is = models.TextField()
    causes = models.JSONField(default=list)
    symptoms = models.JSONField(default=list)
    how_checked = models.JSONField(default=list)
    treatments = models.JSONField(default=list)
    prevention = models.JSONField(default=list)
    call_provider = models.JSONField(default=list, help_text="When to call a provider.")
    get_help_now = models.JSONField(default=list, help_text="When to get help right away.")
    muscles = models.ManyToManyField(Muscle, blank=True, related_name="conditions")
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:condition", args=[self.slug])


class CareTopic(models.Model):
    """A page on symptoms, tests, treatments or prevention that applies to all leg muscles."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)
    summary = models.TextField()
    sections = models.JSONField(default=list, help_text='A list of {"heading", "text"} items.')
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("anatomy:care", args=[self.slug])


class GlossaryTerm(models.Model):
    slug = models.SlugField(unique=True)
    term = models.CharField(max_length=60)
    forms = models.JSONField(
        default=list, blank=True, help_text="Other forms of the word to link, e.g. 'laterally'."
    )
    definition = models.TextField()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term


class Stretch(models.Model):
    """A gentle stretch from the library, with the muscles it targets."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    summary = models.TextField()
    muscles = models.ManyToManyField(Muscle, related_name="stretches")
    steps = models.JSONField(default=list)
    hold_seconds = models.PositiveSmallIntegerField()
    repetitions = models.PositiveSmallIntegerField()
    cautions = models.JSONField(default=list)
    in_warm_up = models.BooleanField(default=True)
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "stretches"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:stretch", args=[self.slug])


class Exercise(models.Model):
    """A strengthening or loading exercise from the library: its targets by default, how to
    make it harder or easier, and the phase of recovery it suits."""

    class Phase(models.TextChoices):
        EARLY = "early", "Early: holds without movement, light load"
        MIDDLE = "middle", "Middle: building strength"
        LATE = "late", "Late: heavy and sport-like load"

    class RepUnit(models.TextChoices):
        REPS = "reps", "repetitions"
        SECONDS = "seconds", "seconds held"
        STEPS = "steps", "steps"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    summary = models.TextField()
    muscles = models.ManyToManyField(Muscle, related_name="exercises")
    phase = models.CharField(max_length=6, choices=Phase.choices)
    rep_unit = models.CharField(max_length=7, choices=RepUnit.choices, default=RepUnit.REPS)
    sets = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    rest_seconds = models.PositiveSmallIntegerField()
    per_day = models.PositiveSmallIntegerField(default=1)
    # The ladder the progression rule climbs, in this order: more repetitions (or seconds, or
    # steps) by `count_step` up to `count_most`; more sets up to `sets_most`; added load by
    # `load_step_kg` up to `load_most_kg` (no load step: not an exercise to load; no top: load
    # is the last step); then the harder variant.
    count_most = models.PositiveSmallIntegerField(null=True, blank=True)
    count_step = models.PositiveSmallIntegerField(default=2)
    sets_most = models.PositiveSmallIntegerField(null=True, blank=True)
    load_step_kg = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    load_most_kg = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    steps = models.JSONField(default=list)
    progress = models.TextField()
    easier = models.TextField()
    cautions = models.JSONField(default=list)
    harder = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="easier_ones"
    )
    sources = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("anatomy:exercise", args=[self.slug])

    @property
    def is_hold(self):
        return self.hold_seconds is not None

    @property
    def dose(self):
        """The default dose in words: "3 sets of 15", "5 holds of 30 seconds"."""
        if self.is_hold:
            dose = f"{self.sets} holds of {self.hold_seconds} seconds"
        else:
            unit = "steps" if self.rep_unit == self.RepUnit.STEPS else "repetitions"
            dose = f"{self.sets} sets of {self.reps} {unit}"
        return dose + (", twice a day" if self.per_day == 2 else "")


class ReferenceVersion(models.Model):
    """One row: the version of the reference data. Loading the data file or editing a row in
    the admin bumps it, and the cached reference pages of older versions are no longer read
    (anatomy/page_cache.py)."""

    number = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"Reference data, version {self.number}"
