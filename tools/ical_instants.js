// Print, per .ics file and event UID, the start and end as Thunderbird's parser (npm ical.js) reads them.
//   node tools/ical_instants.js FILE.ics...   →  {"FILE.ics": {"UID": {"start": S, "end": E}}, ...}
// S and E: Unix time (seconds) of a date-time, "YYYY-MM-DD" of a date, null for a missing DTEND.
// ical.js comes from .tools/ (tools/setup-test-tools.sh installs it; ICALJS=path/to/ical.js overrides).
// A TZID that names no VTIMEZONE of its file is an error (ical.js would read the time as floating).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const library = process.env.ICALJS
  || path.join(__dirname, "..", ".tools", "node_modules", "ical.js", "dist", "ical.js");

function value(vevent, name, file, uid) {
  const property = vevent.getFirstProperty(name);
  if (!property) return null;
  const time = property.getFirstValue();
  if (time.isDate) return time.toString();
  const tzid = property.getParameter("tzid");
  if (tzid && (!time.zone || time.zone.tzid !== tzid || !time.zone.component)) {
    throw new Error(`${file}: ${uid}: ${name};TZID=${tzid} names no VTIMEZONE of the file`);
  }
  return time.toUnixTime();
}

async function main(files) {
  const ICAL = (await import(pathToFileURL(library).href)).default;
  const result = {};
  for (const file of files) {
    const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
    const events = {};
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const uid = vevent.getFirstPropertyValue("uid");
      events[uid] = { start: value(vevent, "dtstart", file, uid), end: value(vevent, "dtend", file, uid) };
    }
    result[file] = events;
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
