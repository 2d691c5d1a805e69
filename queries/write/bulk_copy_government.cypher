// description: Bulk first load (embedded store only): append every Government row from Government.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Government FROM 'Government.csv' (HEADER=false)
