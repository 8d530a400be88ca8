-- wrk script: write `depth` GET /hello requests at once (HTTP/1.1 pipelining), default 16.
-- usage: wrk -s bench/wrk/pipeline.lua http://127.0.0.1:18080 -- 16
init = function(args)
  local depth = tonumber(args[1]) or 16
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format("GET", "/hello")
  end
  batch = table.concat(r)
end

request = function()
  return batch
end
