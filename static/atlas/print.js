// Rendering module (DOM): print buttons of the profile and statistics pages.
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
