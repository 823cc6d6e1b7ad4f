package dev.alertbridge.statushub;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * StatusHub Management API v3, incidents of one hub. Responses are read as text and parsed tolerantly by
 * {@link HubIncidents}: the v3 schemas are not fully published.
 */
@Path("/hubs/{hub}/incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface StatusHubApi {

    /** Incidents whose period overlaps the range; a missing bound is the far past or future. Null params are left out. */
    @GET
    CompletionStage<Response> list(@PathParam("hub") String hub, @QueryParam("start_time") String startTime,
            @QueryParam("end_time") String endTime, @QueryParam("per_page") Integer perPage,
            @QueryParam("page") Integer page);

    @GET
    @Path("/{id}")
    CompletionStage<Response> get(@PathParam("hub") String hub, @PathParam("id") String id);

    @POST
    CompletionStage<Response> create(@PathParam("hub") String hub, IncidentWrite incident);

    @POST
    @Path("/{id}/incident_updates")
    CompletionStage<Response> addUpdate(@PathParam("hub") String hub, @PathParam("id") String id,
            IncidentWrite update);
}
