// description: Bulk first load (embedded store only): append every HAS_TARGET row from HAS_TARGET.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY HAS_TARGET FROM 'HAS_TARGET.csv' (HEADER=false)
