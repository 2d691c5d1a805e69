// description: Naive baseline: set value_max on one range Target per statement
// params: id:str, value_max:float
MATCH (g:Target {id: $id})
SET g.value_max = $value_max
