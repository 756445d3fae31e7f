"""Checks every successful AWS response body against botocore's model of the operation's
output, before boto3 parses it: boto3 drops members it does not know and is lenient about
types, so "boto3 parsed it" alone would not show that the shapes match AWS's. Installed on
the clients of aws_helpers with `client.meta.events.register("after-call.<service>", ...)`.

JSON 1.1 (Cloud Map): every key a member of its structure, types as modelled (timestamps are
epoch seconds), enum values from the model, required members present, no nulls; an error is
`{"__type": ..., "message": ...}` as application/x-amz-json-1.1.
REST-XML (Route 53): every element a member (by its serialized name, list items by their
member name), leaves that parse as their type, enum values from the model.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET


def check_response_shape(http_response, parsed, model, **_) -> None:
    if http_response.status_code >= 300:
        if model.metadata.get("protocol") == "json":
            _json_error(http_response, model.name)
        return
    if model.output_shape is None:
        return
    body = http_response.content
    problems: list[str] = []
    if model.metadata.get("protocol") == "json":
        if body.strip():
            _json(json.loads(body), model.output_shape, model.name, problems)
    elif body.strip():
        root = ET.fromstring(body)
        _xml(root, model.output_shape, model.name, problems, top=True)
    assert not problems, f"{model.name}: the response does not match botocore's model:\n" + "\n".join(problems[:20])


def _json_error(http_response, operation: str) -> None:
    """AWS's JSON error: an object with `__type` (the code, maybe after `#`) and a message."""
    ctype = http_response.headers.get("content-type", "")
    assert ctype.startswith("application/x-amz-json-1.1"), f"{operation}: error content-type {ctype!r}"
    err = json.loads(http_response.content)
    assert isinstance(err, dict) and isinstance(err.get("__type"), str) and err["__type"], f"{operation}: {err}"
    message = err.get("message", err.get("Message"))
    assert isinstance(message, str) and message.strip(), f"{operation}: error without a message: {err}"


def _json(value, shape, path: str, problems: list[str]) -> None:
    t = shape.type_name
    if value is None:
        problems.append(f"{path}: null (AWS leaves absent members out)")
    elif t == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: want an object, got {value!r}")
            return
        for key, v in value.items():
            if key not in shape.members:
                problems.append(f"{path}.{key}: not a member of {shape.name}")
            else:
                _json(v, shape.members[key], f"{path}.{key}", problems)
        for req in shape.required_members:
            if req not in value:
                problems.append(f"{path}.{req}: required member missing")
    elif t == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: want a list, got {value!r}")
            return
        for i, v in enumerate(value):
            _json(v, shape.member, f"{path}[{i}]", problems)
    elif t == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: want a map, got {value!r}")
            return
        for k, v in value.items():
            _json(k, shape.key, f"{path} key", problems)
            _json(v, shape.value, f"{path}[{k!r}]", problems)
    else:
        _leaf(value, shape, path, problems, json_types=True)


def _leaf(value, shape, path: str, problems: list[str], json_types: bool) -> None:
    t = shape.type_name
    if t == "string":
        ok = isinstance(value, str)
        if ok and shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.enum}")
    elif t in ("integer", "long"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and "min" in shape.metadata and value < shape.metadata["min"]:
            problems.append(f"{path}: {value} below the model's minimum {shape.metadata['min']}")
        if ok and "max" in shape.metadata and value > shape.metadata["max"]:
            problems.append(f"{path}: {value} above the model's maximum {shape.metadata['max']}")
    elif t == "boolean":
        ok = isinstance(value, bool)
    elif t in ("double", "float"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif t == "timestamp":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) if json_types else isinstance(value, str)
    else:
        ok = True
    if not ok:
        problems.append(f"{path}: {value!r} is not a {t}")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml(elem, shape, path: str, problems: list[str], top: bool = False) -> None:
    t = shape.type_name
    if t == "structure":
        by_name = {}
        for name, member in shape.members.items():
            if member.serialization.get("location") in ("header", "headers", "statusCode"):
                continue
            by_name[member.serialization.get("name", name)] = (name, member)
        for child in elem:
            tag = _local(child.tag)
            if tag not in by_name:
                problems.append(f"{path}.{tag}: not a member of {shape.name}")
                continue
            name, member = by_name[tag]
            _xml(child, member, f"{path}.{name}", problems)
        present = {_local(c.tag) for c in elem}
        # Route 53's output models mark members required that AWS itself leaves out
        # (ListHostedZones has no <Marker> unless one was sent): check nested shapes only.
        for req in [] if top else shape.required_members:
            member = shape.members[req]
            if member.serialization.get("location"):
                continue
            if member.serialization.get("name", req) not in present:
                problems.append(f"{path}.{req}: required member missing")
    elif t == "list":
        item = shape.member.serialization.get("name", "member")
        for i, child in enumerate(elem):
            if _local(child.tag) != item:
                problems.append(f"{path}[{i}]: element <{_local(child.tag)}>, want <{item}>")
            else:
                _xml(child, shape.member, f"{path}[{i}]", problems)
    else:
        text = elem.text or ""
        if t in ("integer", "long"):
            try:
                value = int(text)
            except ValueError:
                problems.append(f"{path}: {text!r} is not a {t}")
                return
            _leaf(value, shape, path, problems, json_types=False)
        elif t == "boolean":
            if text not in ("true", "false"):
                problems.append(f"{path}: {text!r} is not a boolean")
        else:
            _leaf(text, shape, path, problems, json_types=False)
