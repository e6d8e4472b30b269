"""A slim block tree over markdown-it-py's token stream.

markdown-it's own ``SyntaxTreeNode`` is general (and computes each node's type through
properties); the reader needs only type, tag, map (source lines), content, info and
children, for tens of thousands of nodes in large notes. Opening tokens (nesting 1)
start a node, closing ones end it, inline tokens keep their children as leaves.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it.token import Token


class Node:
    __slots__ = ("type", "tag", "map", "content", "info", "children")

    def __init__(self, type_: str, tag: str = "", map_=None, content: str = "", info: str = "") -> None:
        self.type, self.tag, self.map, self.content, self.info = type_, tag, map_, content, info
        self.children: list[Node] = []

    def walk(self) -> Iterator["Node"]:
        """Block nodes and inline tokens, depth first."""
        stack: list = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Node):
                stack.extend(reversed(node.children))


def build(tokens: list[Token]) -> Node:
    root = Node("root")
    stack = [root]
    for tok in tokens:
        if tok.nesting == 1:
            node = Node(tok.type[:-5], tok.tag, tok.map)       # "bullet_list_open" -> "bullet_list"
            stack[-1].children.append(node)
            stack.append(node)
        elif tok.nesting == -1:
            stack.pop()
        else:
            node = Node(tok.type, tok.tag, tok.map, tok.content, tok.info)
            if tok.children:
                node.children = tok.children    # inline leaves stay markdown-it tokens (same fields)
            stack[-1].children.append(node)
    return root
