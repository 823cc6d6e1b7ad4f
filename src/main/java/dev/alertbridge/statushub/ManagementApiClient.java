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
 * StatusHub's Management API v3, as the bridge uses it, through the Quarkus REST client (built per hub with its base
 * URL and API key, see {@link StatusHubClients}). Answers come back whole ({@link Response}) and are read by
 * {@link StatusHubCalls}: the status, the body as text (parsed tolerantly by {@link HubJson}: the v3 schemas are not
 * fully published), every {@code Link} header, {@code Retry-After}.
 */
@Path("/hubs/{hub}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ManagementApiClient {

    /** Incidents whose period overlaps the range; a missing bound is the far past or future. Nulls are left out. */
    @GET
    @Path("/incidents")
    CompletionStage<Response> list(@PathParam("hub") String hub, @QueryParam("start_time") String startTime,
            @QueryParam("end_time") String endTime, @QueryParam("per_page") Integer perPage,
            @QueryParam("page") Integer page);

    /** Maintenances whose period overlaps the range (the same time filter as incidents). */
    @GET
    @Path("/maintenances")
    CompletionStage<Response> maintenances(@PathParam("hub") String hub, @QueryParam("start_time") String startTime,
            @QueryParam("end_time") String endTime, @QueryParam("per_page") Integer perPage,
            @QueryParam("page") Integer page);

    @GET
    @Path("/incidents/{id}")
    CompletionStage<Response> get(@PathParam("hub") String hub, @PathParam("id") String id);

    @POST
    @Path("/incidents")
    CompletionStage<Response> create(@PathParam("hub") String hub, IncidentWrite incident);

    @POST
    @Path("/incidents/{id}/incident_updates")
    CompletionStage<Response> addUpdate(@PathParam("hub") String hub, @PathParam("id") String id,
            IncidentWrite update);

    /** The hub's services (not in StatusHub's public v3 documentation: only the configuration check asks). */
    @GET
    @Path("/services")
    CompletionStage<Response> services(@PathParam("hub") String hub, @QueryParam("per_page") Integer perPage);
}
