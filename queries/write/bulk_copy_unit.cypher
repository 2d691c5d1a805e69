// description: Bulk first load (embedded store only): append every Unit row from Unit.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Unit FROM 'Unit.csv' (HEADER=false)
