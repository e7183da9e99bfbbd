"""Issue 19: French spacing in the edition PDFs, applied to text only (never to tags, styles, character
references, times or addresses)."""

from guidance_pages.publications.typography import NNBSP, apply_typography


def test_french_puts_a_narrow_no_break_space_before_high_punctuation_and_inside_guillemets():
    html = "<p>Pourquoi ? Parce que ! Ainsi: voilà; «bonjour» et « salut »</p>"
    assert apply_typography(html, "fr") == (
        f"<p>Pourquoi{NNBSP}? Parce que{NNBSP}! Ainsi{NNBSP}: voilà{NNBSP}; "
        f"«{NNBSP}bonjour{NNBSP}» et «{NNBSP}salut{NNBSP}»</p>"
    )


def test_tags_styles_references_times_and_addresses_are_left_alone():
    html = (
        '<style>a:hover { color: red; }</style><p class="a:b">A &amp; B à 10:30, '
        '<a href="https://x.org/?q=1;2">https://x.org</a></p>'
    )
    assert apply_typography(html, "fr") == html


def test_other_languages_keep_their_spacing():
    html = "<p>Why? Because: ¿Por qué? «hola»</p>"
    assert apply_typography(html, "en") == html
    assert apply_typography(html, "es") == html
