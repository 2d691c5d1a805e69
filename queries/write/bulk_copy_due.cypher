// description: Bulk first load (embedded store only): append every DUE row from DUE.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY DUE FROM 'DUE.csv' (HEADER=false)
