import assert from "node:assert/strict";
import { test } from "node:test";
import { redactUrl } from "./redact-url.js";

test("credentials and query values never show", () => {
  const table: [string, string][] = [
    ["http://127.0.0.1:9090", "http://127.0.0.1:9090/"],
    [
      "https://user:pass@prom.example.com/api?token=abc&x=1",
      "https://***@prom.example.com/api?token=***&x=***",
    ],
    ["https://prom.example.com/?abc123", "https://prom.example.com/?***"],
    ["not a url//user:pw@host?q=1", "not a url//***@host?***"],
  ];
  for (const [raw, shown] of table) assert.equal(redactUrl(raw), shown);
});
