-- wrk script: the public timeline's first page (what a client polls), 20 posts with accounts and entities.
function request()
  return wrk.format("GET", "/api/v1/timelines/public?limit=20")
end
