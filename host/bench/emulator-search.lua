-- wrk script: knowledge searches against the Genesys emulator, rotating through realistic queries.
local queries = {
  "refund for a late delivery", "reset my password", "locked out of my account", "the app is down",
  "cancel my subscription", "upgrade my plan", "package arrived damaged", "where is my order",
  "charged twice", "update my credit card", "discount code not working", "return an item",
  "warranty claim", "change delivery address", "gift card balance",
}
local i = 0
request = function()
  i = i + 1
  local body = string.format('{"query":"%s","pageSize":10,"queryType":"AutoSearch"}', queries[(i % #queries) + 1])
  return wrk.format("POST", wrk.path, {
    ["Authorization"] = "Bearer " .. os.getenv("EMULATOR_TOKEN"),
    ["Content-Type"] = "application/json",
  }, body)
end
