-- wrk: shapes each request as a spike from many people would.
--   ADDRESS_HEADER  every request claims a different client address in this header, so the
--                   service's per-address rate limits count them apart
--   UNIQUE_QUERY    every request asks for a different address (?uncached=n), so no cache has
--                   it and the page is rendered each time
local header = os.getenv("ADDRESS_HEADER") or ""
local unique = (os.getenv("UNIQUE_QUERY") or "") ~= ""
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local count = 0

request = function()
  if header ~= "" then
    wrk.headers[header] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  local path = wrk.path
  if unique then
    count = count + 1
    local separator = path:find("?", 1, true) and "&" or "?"
    path = string.format("%s%suncached=%d-%d", path, separator, math.random(1, 1000000000), count)
  end
  return wrk.format(nil, path)
end
