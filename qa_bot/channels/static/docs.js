// Bring the first highlighted passage into view (the URL fragment only reaches its section).
document.addEventListener("DOMContentLoaded", function () {
  var mark = document.querySelector("mark");
  if (mark) {
    mark.id = mark.id || "highlight";
    mark.setAttribute("tabindex", "-1");
    mark.scrollIntoView({ block: "center" });
  }
});
