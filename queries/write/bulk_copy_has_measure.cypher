// description: Bulk first load (embedded store only): append every HAS_MEASURE row from HAS_MEASURE.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY HAS_MEASURE FROM 'HAS_MEASURE.csv' (HEADER=false)
