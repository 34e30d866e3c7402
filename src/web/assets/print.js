// Progressive enhancement: a print button where JavaScript runs (the pages print fine without it).
for (const button of document.querySelectorAll('[data-print]')) button.addEventListener('click', () => window.print());
