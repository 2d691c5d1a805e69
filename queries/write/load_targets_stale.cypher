// description: Delete any Target still stored under the id of a target being loaded (none in a consistent store: load_prune_targets deleted every target of these documents), so load_targets can CREATE
// params: rows:list
// $rows: {id} per target.  Keyed (a lookup per row): the cost is the batch's, not the
// store's (see load_units).
UNWIND $rows AS row
MATCH (g:Target {id: row.id})
DETACH DELETE g
