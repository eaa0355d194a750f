// folio: the language switch lands on the section being read, not just the same chapter.
// Headings carry their counterpart's id (data-alt-en="…"); figures share ids across languages.
// Without JavaScript the switch still opens the same chapter.
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('.language-switch a[hreflang]');
  if (!link) return;
  var lang = link.getAttribute('hreflang');
  var key = 'alt' + lang.charAt(0).toUpperCase() + lang.slice(1);
  var marks = document.querySelectorAll('article h2[id], article h3[id], article h4[id], article figure[id]');
  var current = null;
  for (var i = 0; i < marks.length; i++) {
    if (marks[i].getBoundingClientRect().top > 120) break;
    current = marks[i];
  }
  if (!current) return;
  var target = current.tagName === 'FIGURE' ? current.id : current.dataset[key];
  if (!target) return;
  event.preventDefault();
  window.location.href = link.href.split('#')[0] + '#' + target;
});
