def test_french_typography_never_breaks_a_number_a_base_or_guillemets():
    from santenum.core.french import NBSP, tie_html

    html = (
        '<style>p { margin : 0 ; }</style><p title="n = 3">3,9 pour 100 000 habitants '
        "(n = 227) ; « proposition à valider » : 42 %</p><svg><text>n = 5</text></svg>"
    )
    tied = tie_html(html)
    assert "<style>p { margin : 0 ; }</style>" in tied and 'title="n = 3"' in tied
    assert f"100{NBSP}000 habitants (n{NBSP}={NBSP}227){NBSP};" in tied
    assert f"«{NBSP}proposition à valider{NBSP}»{NBSP}: 42{NBSP}%" in tied
    assert f"<text>n{NBSP}={NBSP}5</text>" in tied


def test_a_negative_number_has_a_minus_sign_not_a_hyphen():
    from santenum.core.french import number, percent

    assert number(-1234.5, 1) == "\u22121\u00a0234,5"
    assert percent(-0.118) == "\u221211,8\u00a0%"
