// description: One unit by its canonical name (a unique-key lookup; `unit_get` also tries the aliases)
// params: name:str
// example: name=区财政局
// Cost: one index lookup.  `unit_get` needs `OR $name IN u.aliases`, which reads every
// unit, so callers try this first and fall back to it only for an alias or a typo.
MATCH (u:Unit {name: $name})
RETURN u.name AS name, u.level AS level, u.kind AS kind, u.government AS government,
       u.collective AS collective, u.aliases AS aliases
