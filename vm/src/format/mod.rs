//! Text formatting and number parsing shared by `str`, `int` and `float`: float `repr`, the
//! format-spec mini-language, `%`-formatting and `str.format` templates.
