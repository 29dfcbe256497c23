// Fixture site of the quality harness: marks that scripts run (no inline script, CSP-safe).
document.documentElement.classList.add("js");
