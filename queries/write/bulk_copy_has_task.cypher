// description: Bulk first load (embedded store only): append every HAS_TASK row from HAS_TASK.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY HAS_TASK FROM 'HAS_TASK.csv' (HEADER=false)
