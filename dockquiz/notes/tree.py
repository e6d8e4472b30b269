"""A slim block tree over markdown-it-py's token stream.

markdown-it's own ``SyntaxTreeNode`` is general (and computes each node's type through
properties); the reader needs only type, tag, map (source lines), content, info and
children, for tens of thousands of nodes in large notes. Opening tokens (nesting 1)
start a node, closing ones end it; leaf tokens (inline, fence, code_block, html_block, hr)
are the tree's leaves as they are: they carry the same fields, and an inline token's
``children`` are its inline tokens.
"""

from __future__ import annotations

from markdown_it.token import Token


class Node:
    __slots__ = ("type", "tag", "map", "children")
    content = info = ""

    def __init__(self, type_: str, tag: str = "", map_=None) -> None:
        self.type, self.tag, self.map = type_, tag, map_
        self.children: list = []


def build(tokens: list[Token]) -> Node:
    root = Node("root")
    stack = [root]
    children = root.children
    for tok in tokens:
        nesting = tok.nesting
        if nesting == 1:
            node = Node(tok.type[:-5], tok.tag, tok.map)  # "bullet_list_open" -> "bullet_list"
            children.append(node)
            stack.append(node)
            children = node.children
        elif nesting == -1:
            stack.pop()
            children = stack[-1].children
        else:
            children.append(tok)
    return root
