-- A headless Neovim (0.7.x API) session with the smart-policy language server: opens a file,
-- waits for its diagnostics, then sends the requests listed in LSP_REQUESTS (a JSON array of
-- {"method": ..., "params": {...}}; textDocument is filled in) and prints one line per answer:
--   DIAG <line>:<col> severity=<n> code=<code> message=<message>
--   RESULT <method> <json>
-- Usage: LSP_SERVER=<bin> LSP_FILE=<file> LSP_REQUESTS='[...]' nvim --headless --clean -c "luafile lsp-session.lua"
local server = assert(vim.env.LSP_SERVER, "set LSP_SERVER")
local file = assert(vim.env.LSP_FILE, "set LSP_FILE")
local requests = vim.fn.json_decode(vim.env.LSP_REQUESTS or "[]")
local timeout_ms = tonumber(vim.env.LSP_TIMEOUT_MS or "15000")
local function out(s) io.stdout:write(s .. "\n") end
vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = "smartpolicy"
local got = nil
local client_id = vim.lsp.start_client({
  name = "smart-policy",
  cmd = { "node", server, "--stdio" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      got = result
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
  on_exit = function(code) if not got then out("SERVER EXITED code=" .. tostring(code)) end end,
})
if not client_id then out("FAILED to start client"); vim.cmd("cquit 2") end
vim.lsp.buf_attach_client(bufnr, client_id)
if not vim.wait(timeout_ms, function() return got ~= nil end, 20) then out("TIMEOUT waiting for diagnostics"); vim.cmd("cquit 1") end
for _, d in ipairs(got.diagnostics) do
  out(string.format("DIAG %d:%d severity=%d code=%s message=%s", d.range.start.line + 1, d.range.start.character + 1, d.severity, tostring(d.code), d.message))
end
local uri = vim.uri_from_bufnr(bufnr)
for _, request in ipairs(requests) do
  local params = request.params or {}
  params.textDocument = { uri = uri }
  local answers = vim.lsp.buf_request_sync(bufnr, request.method, params, timeout_ms)
  local result = vim.NIL
  if answers then
    for _, answer in pairs(answers) do
      if answer.error then out("ERROR " .. request.method .. " " .. vim.fn.json_encode(answer.error)) end
      if answer.result ~= nil then result = answer.result end
    end
  end
  out("RESULT " .. request.method .. " " .. vim.fn.json_encode(result))
end
vim.lsp.stop_client(client_id)
vim.wait(1000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd("qa!")
