#!/usr/bin/env python3
"""Regenerates engine/http/openapi/openapi.json: upstream's OpenAPI file (contract's
open-spanner-openapi.json, 3.0) lifted to OpenAPI 3.1, plus the routes this product adds.

Usage: scripts/update-openapi.py /path/to/open-spanner-openapi.json
tests/http/tst_openapi.cpp fails when a route of the server is missing here or the document names a
route the server does not answer, so run this (and extend EXTENSIONS) whenever routes change.
"""
import json
import sys
from pathlib import Path

ERROR = {"$ref": "#/components/schemas/console.ErrorEnvelope"}
PEER_ERROR = {"$ref": "#/components/schemas/console.UsageReportError"}


def json_response(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def date_end():
    return {
        "type": "object",
        "required": ["date", "timezone"],
        "properties": {
            "date": {"type": "string", "description": "Local time, e.g. 2024-01-01T00:00:00.000; a trailing Z is removed"},
            "timezone": {"type": "string", "description": "IANA time zone, e.g. Europe/Berlin"},
        },
    }


SCHEMAS = {
    "console.ErrorEnvelope": {
        "type": "object",
        "properties": {"error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
    },
    "console.UsageReportError": {
        "type": "object",
        "required": ["message"],
        "properties": {"message": {"type": "string"}, "code": {"type": "string"}},
    },
    "console.UsageReportRequest": {
        "type": "object",
        "required": ["from", "to"],
        "properties": {
            "from": date_end(),
            "to": date_end(),
            "group_by": {"type": "string", "enum": ["model", "source"]},
        },
    },
    "console.UsageReportDateRange": {
        "type": "object",
        "properties": {"from": {"type": "string"}, "to": {"type": "string"}},
    },
    "console.UsageReportFile": {
        "type": "object",
        "properties": {
            "success": {"type": "boolean"},
            "data": {
                "type": "object",
                "properties": {
                    "filePath": {"type": "string"},
                    "downloadUrl": {"type": "string"},
                    "dataType": {"type": "string"},
                    "recordCount": {"type": "integer"},
                    "dateRange": {"$ref": "#/components/schemas/console.UsageReportDateRange"},
                },
            },
        },
    },
    "console.UsageReportRows": {
        "type": "object",
        "properties": {
            "success": {"type": "boolean"},
            "data": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
            "metadata": {
                "type": "object",
                "properties": {
                    "dataType": {"type": "string"},
                    "recordCount": {"type": "integer"},
                    "dateRange": {"$ref": "#/components/schemas/console.UsageReportDateRange"},
                },
            },
        },
    },
    "console.SavedQuery": {"type": "object", "additionalProperties": True},
}

DATA_TYPE = {
    "name": "dataType",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["users", "assistants", "agents", "api-keys", "projects", "models"]},
}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def report_operation(operation_id, summary, ok):
    return {
        "tags": ["usage-export"],
        "summary": summary,
        "operationId": operation_id,
        "security": [{"BearerAuth": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/console.UsageReportRequest"}}}},
        "responses": {
            "200": ok,
            "400": json_response("Bad input (BAD_REQUEST)", PEER_ERROR),
            "401": json_response("The provided API key is invalid.", PEER_ERROR),
            "403": json_response("The key lacks exports:read and exports:usage (FORBIDDEN)", PEER_ERROR),
            "404": json_response("Unknown data type, or no usage in the period (NOT_FOUND)", PEER_ERROR),
            "429": json_response("Too many requests for this key; see Retry-After", PEER_ERROR),
        },
    }


FILE_OK = json_response("The report's CSV file, served by its export job", {"$ref": "#/components/schemas/console.UsageReportFile"})
ROWS_OK = json_response("The report's rows", {"$ref": "#/components/schemas/console.UsageReportRows"})

EXTENSIONS = {
    "/openapi.json": {
        "get": {
            "tags": ["system"],
            "summary": "This document (OpenAPI 3.1); no authentication",
            "operationId": "openApiDocument",
            "security": [],
            "responses": {"200": {"description": "The document", "content": {"application/json": {}}}},
        }
    },
    "/health": {
        "head": {"tags": ["health"], "summary": "Health check without a body", "operationId": "healthCheckHead", "responses": {"204": {"description": "No Content"}}}
    },
    "/v1/exports/{id}/download": {
        "head": {
            "tags": ["exports"],
            "summary": "Size and date of an export's file without its body",
            "operationId": "headExportDownload",
            "parameters": [ID],
            "responses": {"200": {"description": "Headers of the download"}, "404": json_response("Not found", ERROR), "409": json_response("Not ready", ERROR)},
        }
    },
    "/v1/usage/saved-queries": {
        "get": {"tags": ["saved-queries"], "summary": "Saved queries of the session's user", "operationId": "listSavedQueries",
                 "responses": {"200": json_response("Saved queries", {"type": "object", "additionalProperties": True}), "401": json_response("Session required", ERROR)}},
        "post": {"tags": ["saved-queries"], "summary": "Save a query", "operationId": "createSavedQuery",
                  "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/console.SavedQuery"}}}},
                  "responses": {"201": json_response("Saved", {"$ref": "#/components/schemas/console.SavedQuery"}), "400": json_response("Bad input", ERROR), "401": json_response("Session required", ERROR), "409": json_response("Name taken", ERROR)}},
    },
    "/v1/usage/saved-queries/{id}": {
        "put": {"tags": ["saved-queries"], "summary": "Replace a saved query", "operationId": "updateSavedQuery", "parameters": [ID],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/console.SavedQuery"}}}},
                 "responses": {"200": json_response("Updated", {"$ref": "#/components/schemas/console.SavedQuery"}), "400": json_response("Bad input", ERROR), "401": json_response("Session required", ERROR), "404": json_response("Not found", ERROR)}},
        "delete": {"tags": ["saved-queries"], "summary": "Delete a saved query", "operationId": "deleteSavedQuery", "parameters": [ID],
                    "responses": {"204": {"description": "Deleted"}, "401": json_response("Session required", ERROR), "404": json_response("Not found", ERROR)}},
    },
    "/v1/alerts/destinations/{id}/test": {
        "post": {"tags": ["alerts"], "summary": "Queue a signed test event to the destination (through the delivery queue, retries apply)",
                 "operationId": "sendAlertTestEvent", "parameters": [ID],
                 "responses": {"202": json_response("Queued", {"type": "object", "properties": {"event_id": {"type": "string"}, "destination_id": {"type": "string"}}}),
                               "401": json_response("Unauthorized", ERROR), "403": json_response("Forbidden", ERROR), "404": json_response("Not found", ERROR)}},
    },
    "/v1/alerts/events/{id}/deliveries": {
        "get": {"tags": ["alerts"], "summary": "Every delivery attempt of an alert or test event, oldest first",
                "operationId": "listAlertEventDeliveries", "parameters": [ID],
                "responses": {"200": json_response("Attempts", {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "additionalProperties": True}}}}),
                              "401": json_response("Unauthorized", ERROR), "403": json_response("Forbidden", ERROR)}},
    },
    "/export/{dataType}": {
        "post": dict(report_operation("exportUsageReport", "Usage report as a CSV file (the peer's Usage Export API)", FILE_OK), parameters=[DATA_TYPE])
    },
    "/export/{dataType}/{format}": {
        "post": dict(
            report_operation("exportUsageReportAs", "Usage report as a CSV file (csv) or as rows (json)", FILE_OK),
            parameters=[DATA_TYPE, {"name": "format", "in": "path", "required": True, "schema": {"type": "string", "enum": ["csv", "json"]}}],
            responses=dict(report_operation("x", "x", FILE_OK)["responses"], **{"200": {
                "description": "csv: the file's answer; json: the rows",
                "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/console.UsageReportFile"}, {"$ref": "#/components/schemas/console.UsageReportRows"}]}}},
            }}),
        )
    },
}


def main():
    upstream = json.loads(Path(sys.argv[1]).read_text())
    doc = dict(upstream)
    doc["openapi"] = "3.1.0"
    doc["info"] = dict(upstream["info"], title="Open Spanner Console API",
                       description="Open Spanner's API as this console serves it, plus its own routes "
                                   "(saved queries, usage export reports, this document).")
    paths = dict(upstream["paths"])
    for path, operations in EXTENSIONS.items():
        paths[path] = dict(paths.get(path, {}), **operations)
    doc["paths"] = dict(sorted(paths.items()))
    components = dict(upstream.get("components", {}))
    components["schemas"] = dict(components.get("schemas", {}), **SCHEMAS)
    components["securitySchemes"] = {
        "BearerAuth": {"type": "http", "scheme": "bearer"},
        "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Open-Spanner-API-Key"},
    }
    doc["components"] = components
    out = Path(__file__).resolve().parent.parent / "engine/http/openapi/openapi.json"
    out.write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n")
    print(out, len(doc["paths"]), "paths")


if __name__ == "__main__":
    main()
