# Deeply nested literals split across lines, with trailing commas and comments.
config = {
    "name": "mote",
    "sizes": [1, 2, 3,],
    "nested": {
        "list": [
            (1, 2),
            (3, 4),  # a comment
            [
                {"deep": (5, [6, {7, }])},
            ],
        ],
        "empty": ({}, [], (), ""),
    },
    "call": max(
        1,
        2,
    ),
}
print(config["sizes"], config["call"], config["nested"]["empty"])
print(config["nested"]["list"][2][0]["deep"][1][1])
print(len(config), list(config))
matrix = [[1, 2,
           3], [4,
                5, 6]]
print(matrix)
