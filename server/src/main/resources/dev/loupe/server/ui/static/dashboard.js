// dashboard page script (see StaticFiles)
