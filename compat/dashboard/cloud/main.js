// Cloud code of the Dashboard end-to-end run: one job, so that the Jobs page has one to list.
Parse.Cloud.job('e2eJob', async (request) => {
  request.message('e2e job ran');
  return 'ok';
});
