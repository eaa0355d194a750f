// folio: the language switch lands on the section being read, not just the same chapter.
// Headings carry their counterpart's id (data-alt-en="…"); figures share ids across languages.
// Without JavaScript the switch still opens the same chapter.
(function () {
  var header = document.querySelector('.site-header');
  var marks = document.querySelectorAll('article h2[id], article h3[id], article h4[id], article figure[id]');
  var lastRead = null;

  function reading() {
    var line = (header && getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0) + 100;
    var current = null;
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getBoundingClientRect().top > line) break;
      current = marks[i];
    }
    return current;
  }

  // Where the header scrolls away (phones), the reader scrolls back up to reach the switch:
  // remember the section they were in.
  var pending = false;
  window.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      if (window.scrollY > 400) lastRead = reading();
    });
  }, { passive: true });

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.language-switch a[hreflang]');
    if (!link) return;
    var lang = link.getAttribute('hreflang');
    var key = 'alt' + lang.charAt(0).toUpperCase() + lang.slice(1);
    var current = reading() || lastRead;
    if (!current) return;
    var target = current.tagName === 'FIGURE' ? current.id : current.dataset[key];
    if (!target) return;
    event.preventDefault();
    window.location.href = link.href.split('#')[0] + '#' + target;
  });
})();
