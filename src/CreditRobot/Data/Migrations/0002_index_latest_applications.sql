-- GET /api/applications and /applications list the latest first.
CREATE INDEX applications_latest ON applications (id DESC);
