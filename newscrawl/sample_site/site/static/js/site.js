/* sample news site: shared script (font size switcher, share stubs) */
function doZoom(size) {
  var el = document.getElementById('content') || document.querySelector('.article-body');
  if (el) { el.style.fontSize = size + 'px'; }
}
function shareTo(where) { return false; }
var _hmt = _hmt || [];
