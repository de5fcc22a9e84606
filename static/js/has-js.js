// Marks a browser that runs scripts, before the page is drawn (loaded without defer, it is a
// line long): parts that need scripts (.js-only) take their place at once instead of moving
// the page when they appear.
document.documentElement.classList.add("js");
